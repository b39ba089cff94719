import AirmSpec
import Foundation

extension Plan {
    /// The plan as a stable JSON document, `airm-plan/1`: what `airm plan --format json` prints.
    ///
    /// Times are milliseconds from the run's start; keys are sorted, so the same file and choices
    /// always give the same bytes. docs/plan-format.md describes every field.
    public struct Document: Codable, Sendable, Hashable {
        public var format = "airm-plan/1"
        public var experiment: String
        public var file: String
        public var seed: UInt64
        public var mode: String
        public var shard: String?
        /// `--traffic-shard I/N`, when the plan is one N-th of every stream.
        public var trafficShard: String?
        public var durationMs: Double
        public var streams: [Stream]
        public var faults: [FaultEntry]
        public var route: [String]
        public var deadlineMs: Double?
        public var staticFallback: Bool
        /// `mode: app`: what each unit of traffic sends to the application and how its breakers are read.
        public var app: AppEntry?
        public var providers: [ProviderEntry]
        public var assertions: [AssertionEntry]
        public var steadyState: SteadyEntry?
        public var metrics: Metrics
        public var expectedRequests: Double
        public var exact: Bool

        public struct Stream: Codable, Sendable, Hashable {
            public var name: String
            public var startMs: Double
            public var endMs: Double
            public var expectedRequests: Double
            public var exact: Bool
            public var note: String?
            public var maxInFlight: Int
        }

        public struct FaultEntry: Codable, Sendable, Hashable {
            public var name: String
            public var type: String
            public var target: String
            /// `nil` when the window's references do not resolve.
            public var startMs: Double?
            public var endMs: Double?
            public var probability: Double
        }

        public struct AppEntry: Codable, Sendable, Hashable {
            public var method: String
            public var url: String
            public var timeoutMs: Double
            public var okWhen: [String]
            /// Whether airm starts the application (`app.command`); the command itself is not shown.
            public var startsApp: Bool
            public var readyUrl: String?
            public var readyWithinMs: Double?
            public var breakers: BreakerSource?
        }

        public struct BreakerSource: Codable, Sendable, Hashable {
            public var url: String
            public var kind: String
            public var everyMs: Double
        }

        public struct ProviderEntry: Codable, Sendable, Hashable {
            public var name: String
            public var type: String
            public var model: String
            public var timeoutMs: Double
            public var maxAttempts: Int
            public var retryOn: [String]
            public var breaker: Breaker
        }

        public struct Breaker: Codable, Sendable, Hashable {
            public var consecutiveFailures: Int
            public var failureRate: Double?
            public var window: String
            public var minimumCalls: Int
            public var slowCallOverMs: Double?
            public var slowCallRate: Double?
            public var openForMs: Double
            public var halfOpenProbes: Int
            public var closeAfter: Int
        }

        public struct AssertionEntry: Codable, Sendable, Hashable {
            public var line: Int
            public var kind: String
            public var startMs: Double?
            public var endMs: Double?
        }

        public struct SteadyEntry: Codable, Sendable, Hashable {
            public var beforeStartMs: Double
            public var beforeEndMs: Double
            public var afterStartMs: Double
            public var afterEndMs: Double
        }

        public struct Metrics: Codable, Sendable, Hashable {
            public var bucketMs: Double
            public var buckets: Int
            public var drainHorizonMs: Double
        }
    }

    /// The stable document of this plan.
    public var document: Document {
        let (total, exact) = expectedRequests
        return Document(
            experiment: experiment.name, file: experiment.file, seed: askedSeed, mode: mode.rawValue,
            shard: choices.shard.map { "\($0.index)/\($0.count)" },
            trafficShard: choices.trafficShard.map { "\($0.index)/\($0.count)" }, durationMs: Self.ms(duration),
            streams: zip(experiment.traffic, streams).map { stream, planned in
                .init(name: planned.name, startMs: Self.ms(planned.start), endMs: Self.ms(planned.end),
                      expectedRequests: Rounding.three(planned.estimate.requests), exact: planned.estimate.exact,
                      note: planned.estimate.note, maxInFlight: stream.maxInFlight)
            },
            faults: zip(experiment.faults, faults).map { fault, planned in
                .init(name: planned.name, type: planned.type, target: planned.target.text,
                      startMs: planned.span.map { Self.ms($0.start) }, endMs: planned.span.map { Self.ms($0.end) },
                      probability: Rounding.three(fault.probability.fraction))
            },
            route: experiment.policy.route, deadlineMs: experiment.policy.deadline.map(Self.ms),
            staticFallback: experiment.policy.fallback != nil,
            app: experiment.app.map(Self.entry),
            providers: providers.map(Self.entry),
            assertions: zip(experiment.assertions, assertionWindows).map { assertion, span in
                let kind: String
                switch assertion.check {
                case .breaker(_, let check): kind = check.key
                case .expect: kind = "expect"
                }
                return .init(line: assertion.location.line, kind: kind, startMs: span.map { Self.ms($0.start) },
                             endMs: span.map { Self.ms($0.end) })
            },
            steadyState: steadyWindows.map {
                .init(beforeStartMs: Self.ms($0.before.start), beforeEndMs: Self.ms($0.before.end),
                      afterStartMs: Self.ms($0.after.start), afterEndMs: Self.ms($0.after.end))
            },
            metrics: .init(bucketMs: Self.ms(bucket), buckets: buckets, drainHorizonMs: Self.ms(drainHorizon)),
            expectedRequests: Rounding.three(total), exact: exact)
    }

    /// The document as pretty-printed JSON with sorted keys and snake_case names.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(document)
    }

    // MARK: - Pieces

    static func ms(_ span: TimeSpan) -> Double { Rounding.three(span.milliseconds) }

    static func entry(_ app: AppUnderTest) -> Document.AppEntry {
        let request = app.request
        return .init(method: request.method.rawValue.uppercased(), url: request.url, timeoutMs: ms(request.timeout),
                     okWhen: request.okWhen.map(\.description), startsApp: app.command != nil,
                     readyUrl: app.ready?.url, readyWithinMs: app.ready.map { ms($0.within) },
                     breakers: app.breakers.map { .init(url: $0.url, kind: $0.kind, everyMs: ms($0.every)) })
    }

    static func entry(_ provider: ProviderPlan) -> Document.ProviderEntry {
        let policy = provider.policy
        let breaker = policy.breaker
        let window: String
        switch breaker.window {
        case .calls(let n): window = "\(n) calls"
        case .time(let span): window = span.description
        }
        return .init(name: provider.name, type: provider.kind.rawValue, model: provider.model,
                     timeoutMs: ms(policy.timeout), maxAttempts: policy.retry.maxAttempts,
                     retryOn: policy.retry.on.map(\.rawValue).sorted(),
                     breaker: .init(consecutiveFailures: breaker.consecutiveFailures,
                                    failureRate: breaker.failureRate.map { Rounding.three($0.fraction) },
                                    window: window, minimumCalls: breaker.minimumCalls,
                                    slowCallOverMs: breaker.slowCall.map { ms($0.over) },
                                    slowCallRate: breaker.slowCall.map { Rounding.three($0.rate.fraction) },
                                    openForMs: ms(breaker.openFor), halfOpenProbes: breaker.halfOpen.probes,
                                    closeAfter: breaker.halfOpen.closeAfter))
    }
}
