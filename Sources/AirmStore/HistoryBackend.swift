import AirmEngine
import AirmReports

/// Where runs are kept: an SQLite file (`HistoryStore`) or a PostgreSQL server
/// (`PostgresHistoryStore`), with one schema and one set of migrations (docs/history.md).
///
/// An implementation must: write a run with its assertion results and transitions all or
/// nothing, give it an id greater than every earlier run's, stay correct with several processes
/// writing at once, refuse a schema written by a newer airm, and never put a password in an
/// error or in `location`. Every failure is a `HistoryError`.
public protocol HistoryBackend: Sendable {
    /// How output names the store: the file's path, or the server's URL without its password.
    var location: String { get }

    /// Checks the store before writing to it, so a damaged or foreign store is reported, not written to.
    func checkBeforeWriting() async throws(HistoryError)

    /// Writes one run, its assertion results and its transitions in a single transaction; returns its id.
    func record(_ result: RunResult, gitCommit: String?, gitDirty: Bool?) async throws(HistoryError) -> Int64

    /// The newest runs first (by id), optionally of one experiment; `limit` < 0 means all.
    func runs(experiment: String?, limit: Int) async throws(HistoryError) -> [RunRow]

    /// The run with this id with its assertions and transitions, or nil.
    func detail(id: Int64) async throws(HistoryError) -> RunDetail?

    /// The two newest runs of the most recently recorded experiment, or nil when it has fewer than two.
    func latestTwo() async throws(HistoryError) -> (older: RunDetail, newer: RunDetail)?

    /// The newest run of an experiment with its assertions and transitions, or nil when it has none.
    func latest(experiment: String) async throws(HistoryError) -> RunDetail?

    /// Lets go of the store's connection; the store is not used afterwards.
    func close() async
}

extension HistoryBackend {
    /// The last `limit` runs of an experiment, oldest first, for the HTML report's trend.
    public func trendPoints(experiment: String, limit: Int = 20) async throws(HistoryError) -> [TrendPoint] {
        try await runs(experiment: experiment, limit: limit).reversed().map { TrendPoint($0) }
    }
}
