/// One earlier run of the same experiment, for the HTML report's history section.
///
/// The history store fills these; the report shows the last 20 by `runId`.
public struct TrendPoint: Sendable, Hashable {
    public var runId: Int64
    /// ISO 8601, UTC.
    public var startedAt: String
    /// `passed`, `failed`, `error` or `interrupted`.
    public var verdict: String
    /// (ok + fallback) / requests, in [0, 1].
    public var successRate: Double
    public var p99Ms: Double
    /// Time from the first fault's start to the first breaker opening; `nil` when no breaker opened.
    public var timeToOpenMs: Double?
    /// The source revision the run was made from, when known.
    public var commit: String?

    public init(runId: Int64, startedAt: String, verdict: String, successRate: Double, p99Ms: Double,
                timeToOpenMs: Double? = nil, commit: String? = nil) {
        self.runId = runId
        self.startedAt = startedAt
        self.verdict = verdict
        self.successRate = successRate
        self.p99Ms = p99Ms
        self.timeToOpenMs = timeToOpenMs
        self.commit = commit
    }
}
