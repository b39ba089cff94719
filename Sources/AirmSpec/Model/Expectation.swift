/// A parsed `expect` expression: `<metric> <op> <value>` (docs/semantics.md "Metrics").
public struct Expectation: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!="

        public func holds(_ observed: Double, _ threshold: Double) -> Bool {
            switch self {
            case .less: observed < threshold
            case .lessOrEqual: observed <= threshold
            case .greater: observed > threshold
            case .greaterOrEqual: observed >= threshold
            case .equal: observed == threshold
            case .notEqual: observed != threshold
            }
        }
    }

    public var metric: MetricRef
    public var comparison: Comparison
    /// The threshold in the metric's canonical unit (see `Metric.Unit`).
    public var threshold: Double
    /// The expression as written.
    public var text: String
    public var location: SourceLocation?

    public init(metric: MetricRef, comparison: Comparison, threshold: Double, text: String, location: SourceLocation? = nil) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.text = text
        self.location = location
    }

    public var description: String { text }
}

/// A metric, optionally scoped by a provider or traffic-stream name: `gemini.calls`, `chat.success_rate`.
public struct MetricRef: Sendable, Hashable, CustomStringConvertible {
    /// A provider or stream name; `nil` for run-wide metrics.
    public var scope: String?
    public var metric: Metric

    public init(scope: String? = nil, metric: Metric) {
        self.scope = scope
        self.metric = metric
    }

    public var description: String { scope.map { "\($0).\(metric.name)" } ?? metric.name }
}

/// The metrics an `expect` can name.
public enum Metric: Sendable, Hashable {
    public enum Percentile: String, Sendable, Hashable, CaseIterable {
        case p50, p90, p95, p99, p999, max, mean
    }

    /// The unit a metric is measured in; thresholds are stored in its canonical form.
    public enum Unit: Sendable, Hashable {
        /// A whole number of events.
        case count
        /// A fraction in [0, 1]; written `99%` or `0.99`.
        case ratio
        /// Milliseconds; written with a duration unit (`1.5s`, `250ms`).
        case duration
        /// Per second; written `20/s`.
        case rate
        /// A plain number.
        case number
    }

    // Run-wide or stream-scoped
    case requests, ok, fallback, degraded, failed, dropped
    case successRate, availability, errorRate, fallbackRate
    case latency(Percentile)
    /// The latency of answered requests only (ok and fallback); failures and rejections excluded.
    case answeredLatency(Percentile)
    case throughput, attemptsPerRequest
    // Provider-scoped
    case calls, rejected, successes
    case errors(ErrorKind)

    public var name: String {
        switch self {
        case .requests: "requests"
        case .ok: "ok"
        case .fallback: "fallback"
        case .degraded: "degraded"
        case .failed: "failed"
        case .dropped: "dropped"
        case .successRate: "success_rate"
        case .availability: "availability"
        case .errorRate: "error_rate"
        case .fallbackRate: "fallback_rate"
        case .latency(let p): "latency.\(p.rawValue)"
        case .answeredLatency(let p): "answered_latency.\(p.rawValue)"
        case .throughput: "throughput"
        case .attemptsPerRequest: "attempts_per_request"
        case .calls: "calls"
        case .rejected: "rejected"
        case .successes: "successes"
        case .errors(let kind): "errors.\(kind.rawValue)"
        }
    }

    public var unit: Unit {
        switch self {
        case .requests, .ok, .fallback, .degraded, .failed, .dropped, .calls, .rejected, .successes, .errors: .count
        case .successRate, .availability, .errorRate, .fallbackRate: .ratio
        case .latency, .answeredLatency: .duration
        case .throughput: .rate
        case .attemptsPerRequest: .number
        }
    }

    /// True for metrics of requests, which a provider (seeing attempts) does not measure.
    public var isRequestOnly: Bool {
        switch self {
        case .requests, .ok, .fallback, .degraded, .failed, .dropped, .availability, .fallbackRate,
             .attemptsPerRequest, .answeredLatency: true
        default: false
        }
    }

    /// True for metrics that only make sense scoped to a provider.
    public var isProviderOnly: Bool {
        switch self {
        case .calls, .rejected, .successes, .errors: true
        default: false
        }
    }
}
