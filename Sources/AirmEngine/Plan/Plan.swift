import AirmSpec

/// Everything one run of an experiment needs, resolved once from the `Experiment` and the run's
/// choices (docs/architecture.md "A run, stage by stage").
///
/// Every driver (simulation, live), the assertion evaluator, the result builder, `airm plan` and
/// the live pre-flight read the plan; none of them resolves the timeline or a provider's policy
/// from the experiment again. The experiment itself is never changed: the run's seed and mode
/// live here.
public struct Plan: Sendable {
    /// What the command line chose for this run.
    public struct Choices: Sendable, Hashable {
        /// Overrides the file's `seed`.
        public var seed: UInt64?
        /// Overrides the file's `mode` (`--simulate`, `--live`), except `app`.
        public var mode: Experiment.Mode?
        /// This run's part of a sharded suite, when one was asked for.
        public var shard: Shard?
        /// `--abort-on-fail`: every assertion stops the run once it can no longer hold.
        public var abortOnFail: Bool
        /// `--traffic-shard I/N`: this run sends one N-th of every stream (docs/semantics.md "Traffic shards").
        public var trafficShard: Shard?

        public init(seed: UInt64? = nil, mode: Experiment.Mode? = nil, shard: Shard? = nil, abortOnFail: Bool = false,
                    trafficShard: Shard? = nil) {
            self.seed = seed
            self.mode = mode
            self.shard = shard
            self.abortOnFail = abortOnFail
            self.trafficShard = trafficShard
        }
    }

    /// Part `index` (from 1) of `count`.
    public struct Shard: Sendable, Hashable {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    /// A fault with its absolute window; `span` is `nil` when its references do not resolve.
    public struct FaultWindow: Sendable {
        public let name: String
        public let type: String
        public let target: Fault.Target
        public let span: Timeline.Span?
    }

    /// A provider with its effective policy (`policy.defaults` merged with its override).
    public struct ProviderPlan: Sendable {
        public let name: String
        public let kind: Provider.Kind
        public let model: String
        public let policy: ProviderPolicy
    }

    /// A traffic stream's arrivals: when it sends, and how many requests it is expected to send.
    public struct StreamPlan: Sendable {
        public let name: String
        public let start: TimeSpan
        public let end: TimeSpan
        public let estimate: TrafficEstimate
    }

    public let experiment: Experiment
    public let choices: Choices
    public let seed: UInt64
    public let mode: Experiment.Mode
    public let timeline: Timeline
    /// In file order.
    public let faults: [FaultWindow]
    /// In `experiment.providers` order.
    public let providers: [ProviderPlan]
    /// In `experiment.traffic` order.
    public let streams: [StreamPlan]
    /// The route with each provider's settings resolved.
    public let router: Router
    /// Per assertion, in file order: the window it judges, `nil` when it does not resolve.
    public let assertionWindows: [Timeline.Span?]
    /// The steady-state windows, when the file has `steady_state`.
    public let steadyWindows: SteadyWindows?
    /// The time series' bucket size, and how many buckets the run's duration fills.
    public let bucket: TimeSpan
    public let buckets: Int
    /// The longest a request may take: how long after the end a bucket may still receive samples.
    public let drainHorizon: TimeSpan

    public init(_ file: Experiment, choices: Choices = Choices()) {
        let experiment = choices.trafficShard.map { file.share(of: $0) } ?? file
        self.experiment = experiment
        self.choices = choices
        seed = choices.trafficShard.map { $0.seed(from: choices.seed ?? file.seed) } ?? choices.seed ?? file.seed
        // `--simulate` and `--live` choose between the two ways of running airm's model of a
        // policy; an application under test is only ever run as itself.
        mode = experiment.mode == .app ? .app : choices.mode ?? experiment.mode
        let timeline = Timeline(experiment)
        self.timeline = timeline
        faults = experiment.faults.map {
            FaultWindow(name: $0.name, type: $0.kind.typeName, target: $0.target, span: timeline.faults[$0.name])
        }
        providers = experiment.providers.map {
            ProviderPlan(name: $0.name, kind: $0.kind, model: $0.model, policy: experiment.policy.settings(for: $0.name))
        }
        streams = experiment.traffic.indices.map { index in
            let stream = experiment.traffic[index]
            let (start, end) = ArrivalSchedule.bounds(of: stream, timeline: timeline)
            return StreamPlan(name: stream.name, start: start, end: end,
                              estimate: TrafficEstimate.of(stream: index, in: experiment, timeline: timeline))
        }
        router = Router(experiment)
        assertionWindows = experiment.assertions.map { timeline.span(of: $0.window) }
        steadyWindows = experiment.steadyState.map { SteadyWindows(timeline: timeline, settle: $0.settle) }
        bucket = BucketSizing.bucket(for: experiment.duration)
        buckets = Int(BucketSizing.count(max(experiment.duration.nanoseconds, 0), bucket: bucket.nanoseconds))
        drainHorizon = BucketSizing.drainHorizon(of: experiment)
    }

    // MARK: - Lookups

    public var duration: TimeSpan { experiment.duration }

    /// The seed the run was asked for: `--seed` or the file's; a traffic shard draws from `seed`,
    /// derived from it.
    public var askedSeed: UInt64 { choices.seed ?? experiment.seed }

    /// The expected number of requests over every stream, and whether it is exact.
    public var expectedRequests: (count: Double, exact: Bool) {
        (streams.reduce(0) { $0 + $1.estimate.requests }, streams.allSatisfy(\.estimate.exact))
    }

    /// The index of the provider called `name`.
    public func providerIndex(_ name: String) -> Int? { providers.firstIndex { $0.name == name } }
}
