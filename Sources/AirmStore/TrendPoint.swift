import AirmReports

// MARK: - History rows as report trend points

extension TrendPoint {
    /// The point the HTML report's History section draws for one recorded run.
    public init(_ row: RunRow) {
        self.init(runId: row.id, startedAt: row.startedAt, verdict: row.verdict, successRate: row.successRate,
                  p99Ms: row.p99Ms, timeToOpenMs: row.timeToOpenMs, timeToCloseMs: row.timeToCloseMs,
                  commit: row.gitCommit)
    }
}
