import AirmSpec

/// Everything a run produced: the one value that feeds JSON, JUnit, HTML, Markdown and history.
///
/// Its `Codable` form is the stable contract `airm-result/1` of docs/result-format.md; coding keys are
/// the snake_case names listed there. Times are milliseconds from the run's start.
public struct RunResult: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable { case passed, failed, error, interrupted }

    public struct ExperimentInfo: Sendable, Codable, Equatable {
        public var name: String
        public var description: String?
        public var file: String
        public var seed: UInt64
        /// Written as `simulated` or `live`.
        public var mode: Experiment.Mode
        public var durationMs: Double
        enum CodingKeys: String, CodingKey {
            case name, description, file, seed, mode
            case durationMs = "duration_ms"
        }
        public init(name: String, description: String?, file: String, seed: UInt64, mode: Experiment.Mode, durationMs: Double) {
            self.name = name
            self.description = description
            self.file = file
            self.seed = seed
            self.mode = mode
            self.durationMs = durationMs
        }

        /// Writes every field, `description` as `null` when the file has none, so the object
        /// always has the keys docs/result-format.md lists.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(file, forKey: .file)
            try container.encode(seed, forKey: .seed)
            try container.encode(mode, forKey: .mode)
            try container.encode(durationMs, forKey: .durationMs)
        }
    }

    /// Latency percentiles in milliseconds; zeros when nothing was measured.
    public struct Latency: Sendable, Codable, Equatable {
        public var p50: Double = 0
        public var p90: Double = 0
        public var p95: Double = 0
        public var p99: Double = 0
        public var max: Double = 0
        public var mean: Double = 0
        public init(p50: Double = 0, p90: Double = 0, p95: Double = 0, p99: Double = 0, max: Double = 0, mean: Double = 0) {
            self.p50 = p50
            self.p90 = p90
            self.p95 = p95
            self.p99 = p99
            self.max = max
            self.mean = mean
        }
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var requests = 0
        public var ok = 0
        public var fallback = 0
        public var degraded = 0
        public var failed = 0
        public var dropped = 0
        public var successRate: Double = 0
        public var availability: Double = 0
        /// Every request that started, failures included (docs/metrics.md).
        public var latencyMs = Latency()
        /// Answered requests only: ok and fallback. Absent in results written before it existed.
        public var answeredLatencyMs: Latency?
        enum CodingKeys: String, CodingKey {
            case requests, ok, fallback, degraded, failed, dropped
            case successRate = "success_rate", availability
            case latencyMs = "latency_ms"
            case answeredLatencyMs = "answered_latency_ms"
        }
        public init() {}
    }

    public struct ProviderSummary: Sendable, Codable, Equatable {
        public var calls = 0
        public var successes = 0
        public var rejected = 0
        /// Failed attempts by error kind (`rate_limited`, `timeout`, …); kinds with no failures are absent.
        public var errors: [String: Int] = [:]
        public var latencyMs = Latency()
        /// Live runs: per error kind, the first distinct causes (at most
        /// `ErrorSamples.perKind`): the endpoint and the OS error, or the status and the start
        /// of the answer. Absent in simulation.
        public var errorSamples: [String: [String]]?
        enum CodingKeys: String, CodingKey {
            case calls, successes, rejected, errors
            case latencyMs = "latency_ms"
            case errorSamples = "error_samples"
        }
        public init() {}
    }

    public struct Transition: Sendable, Codable, Equatable {
        public var provider: String
        public var atMs: Double
        /// Written as the state's file-format name: `closed`, `open`, `half_open`, `forced_open`.
        public var from: BreakerState
        public var to: BreakerState
        public var reason: String
        /// In `mode: app`, how the transition was observed: `inferred`, `prometheus` or `json`.
        public var observed: String?
        enum CodingKeys: String, CodingKey {
            case provider, from, to, reason, observed
            case atMs = "at_ms"
        }
        public init(provider: String, atMs: Double, from: BreakerState, to: BreakerState, reason: String, observed: String? = nil) {
            self.provider = provider
            self.atMs = atMs
            self.from = from
            self.to = to
            self.reason = reason
            self.observed = observed
        }
    }

    public struct AssertionResult: Sendable, Codable, Equatable {
        public var name: String
        /// The check's key (`opens`, `sequence`, `expect`, …) or `steady_state`.
        public var kind: String
        public var passed: Bool
        public var expected: String
        public var observed: String
        public var message: String
        /// The line of the experiment file the assertion is written on; absent in older results.
        public var line: Int?
        /// True when the run stopped before the assertion's window ended and its verdict was not yet
        /// settled; absent otherwise. JUnit shows it as `<skipped>`.
        public var notEvaluated: Bool?
        /// A breaker check's provider; absent for `expect`.
        public var provider: String?
        /// An `opens`/`half_opens`/`closes` check with `within`: its deadline, in ms from the start.
        public var deadlineMs: Double?
        enum CodingKeys: String, CodingKey {
            case name, kind, passed, expected, observed, message, line, provider
            case notEvaluated = "not_evaluated", deadlineMs = "deadline_ms"
        }
        public init(name: String, kind: String, passed: Bool, expected: String, observed: String, message: String,
                    line: Int? = nil) {
            self.line = line
            self.name = name
            self.kind = kind
            self.passed = passed
            self.expected = expected
            self.observed = observed
            self.message = message
        }
    }

    public struct FaultWindow: Sendable, Codable, Equatable {
        public var name: String
        /// `*` or the provider names joined by `,`.
        public var target: String
        public var type: String
        public var startMs: Double
        public var endMs: Double
        enum CodingKeys: String, CodingKey {
            case name, target, type
            case startMs = "start_ms", endMs = "end_ms"
        }
        public init(name: String, target: String, type: String, startMs: Double, endMs: Double) {
            self.name = name
            self.target = target
            self.type = type
            self.startMs = startMs
            self.endMs = endMs
        }
    }

    public var format = "airm-result/1"
    public var experiment: ExperimentInfo
    public var airmVersion: String
    /// The experiment file's text.
    public var source: String
    public var verdict: Verdict
    /// ISO 8601, UTC.
    public var startedAt: String
    public var summary: Summary
    /// Keyed by provider name.
    public var providers: [String: ProviderSummary]
    public var transitions: [Transition]
    public var assertions: [AssertionResult]
    public var series: Series
    public var faults: [FaultWindow]
    /// How long the run took on the wall clock, in ms (docs/metrics.md "Run time"); set by the
    /// caller, which owns the clock. Absent in results written before it existed.
    public var wallMs: Double?
    /// For a run that stopped early (interrupted, or ended by an `abort_on_fail` assertion): when
    /// arrivals stopped, in ms from the start. Absent for a run that ran its course.
    public var stoppedAtMs: Double?
    /// Why a run stopped early, when it did: "interrupted by SIGINT", "<assertion> can no longer hold".
    public var stopReason: String?
    /// In `mode: app`: what was seen of the application (docs/app-mode.md).
    public var app: AppObservation?
    /// The run's latency histograms in HdrHistogram's compressed encoding (docs/result-format.md
    /// "histograms"), from which `airm merge` joins shards exactly. Absent in results written before it existed.
    public var histograms: Histograms?
    /// `--traffic-shard I/N` when the run sent one N-th of every stream, written `"I/N"`; absent otherwise.
    public var trafficShard: String?
    /// In a result `airm merge` joined from traffic shards: how many; absent otherwise.
    public var mergedShards: Int?

    enum CodingKeys: String, CodingKey {
        case format, experiment, source, verdict, summary, providers, transitions, assertions, series, faults, app
        case airmVersion = "airm_version"
        case startedAt = "started_at"
        case wallMs = "wall_ms"
        case stoppedAtMs = "stopped_at_ms", stopReason = "stop_reason"
        case histograms, trafficShard = "traffic_shard", mergedShards = "merged_shards"
    }

    public init(experiment: ExperimentInfo, airmVersion: String = Airm.version, source: String, verdict: Verdict,
                startedAt: String, summary: Summary, providers: [String: ProviderSummary],
                transitions: [Transition], assertions: [AssertionResult], series: Series, faults: [FaultWindow]) {
        self.experiment = experiment
        self.airmVersion = airmVersion
        self.source = source
        self.verdict = verdict
        self.startedAt = startedAt
        self.summary = summary
        self.providers = providers
        self.transitions = transitions
        self.assertions = assertions
        self.series = series
        self.faults = faults
    }
}
