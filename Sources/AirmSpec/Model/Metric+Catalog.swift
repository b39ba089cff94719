/// The metrics `expect` expressions can name (docs/experiment-format.md, "Metrics for `expect`").
extension Metric {
    /// Every metric, in the order the documentation lists them: the only list of metric names.
    /// The parser's names, its "did you mean" vocabulary and the documentation check come from it;
    /// a new metric is one case of `Metric`, its reading in the engine, and one line here.
    public static let all: [Metric] = [.requests, .ok, .fallback, .degraded, .failed, .dropped,
                                       .successRate, .availability, .errorRate, .fallbackRate]
        + Percentile.allCases.map { .latency($0) }
        + Percentile.allCases.map { .answeredLatency($0) }
        + [.throughput, .attemptsPerRequest, .calls, .rejected, .successes]
        + ErrorKind.allCases.map { .errors($0) }

    /// `all` by unscoped name, e.g. `latency.p99` or `errors.timeout`.
    static let byName: [String: Metric] = Dictionary(all.map { ($0.name, $0) }) { first, _ in first }
}
