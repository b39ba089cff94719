import AirmEngine

/// One run of an experiment, for the HTML report's history section: an earlier one, or the
/// run the report is of.
///
/// The history store fills the earlier ones; the report adds the current run and shows the
/// last 20 by `runId`.
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
    /// Time from the first fault's end to the first breaker closing; `nil` when none closed.
    public var timeToCloseMs: Double?
    /// The source revision the run was made from, when known.
    public var commit: String?
    /// True for the run the report is of.
    public var isCurrent = false

    public init(runId: Int64, startedAt: String, verdict: String, successRate: Double, p99Ms: Double,
                timeToOpenMs: Double? = nil, timeToCloseMs: Double? = nil, commit: String? = nil) {
        self.runId = runId
        self.startedAt = startedAt
        self.verdict = verdict
        self.successRate = successRate
        self.p99Ms = p99Ms
        self.timeToOpenMs = timeToOpenMs
        self.timeToCloseMs = timeToCloseMs
        self.commit = commit
    }

    /// The point of the run `result` is of, numbered after the earlier runs `history`.
    public init(current result: RunResult, after history: [TrendPoint]) {
        self.init(runId: (history.map(\.runId).max() ?? 0) + 1, startedAt: result.startedAt,
                  verdict: result.verdict.rawValue, successRate: result.summary.successRate,
                  p99Ms: result.summary.latencyMs.p99,
                  timeToOpenMs: BreakerTimings.timeToOpen(result).lazy.compactMap { $0 }.first,
                  timeToCloseMs: BreakerTimings.timeToClose(result).lazy.compactMap { $0 }.first)
        isCurrent = true
    }
}
