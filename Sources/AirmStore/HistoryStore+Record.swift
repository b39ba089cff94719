import AirmEngine
import Foundation
import GRDB

extension HistoryStore {
    // MARK: - Recording

    /// Writes one run, its assertion results and its transitions in a single transaction.
    ///
    /// The experiment file's text is not stored, only its hash; nothing else in a result holds
    /// keys, prompts or responses.
    ///
    /// - Parameters:
    ///   - gitCommit: the commit checked out where the experiment file lives (see `GitCommit`).
    ///   - gitDirty: whether the file differed from that commit (see `GitCommit.differs`); nil when unknown.
    /// - Returns: the new run's id.
    @discardableResult
    public func record(_ result: RunResult, gitCommit: String?, gitDirty: Bool? = nil) throws(HistoryError) -> Int64 {
        let row = RunRow(result: result, gitCommit: gitCommit, gitDirty: gitDirty)
        let openTimes = Self.jsonText(row.timeToOpenAllMs)
        let closeTimes = Self.jsonText(row.timeToCloseAllMs)
        return try HistoryError.mapping(path: path) {
            try queue.writeWithoutTransaction { db in
                var id: Int64 = 0
                try db.inTransaction(.immediate) {
                    id = try insert(row, openTimes: openTimes, closeTimes: closeTimes, db)
                    for (position, assertion) in result.assertions.enumerated() {
                        try insert(assertion, runID: id, position: position, db)
                    }
                    for (position, transition) in result.transitions.enumerated() {
                        try insert(transition, runID: id, position: position, db)
                    }
                    return .commit
                }
                return id
            }
        }
    }

    // MARK: - Rows

    private func insert(_ row: RunRow, openTimes: String, closeTimes: String, _ db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO runs (experiment, file, file_hash, seed, mode, verdict, started_at, duration_ms,
                    airm_version, git_commit, requests, success_rate, availability, p95_ms, p99_ms,
                    time_to_open_ms, time_to_open_all_ms, time_to_close_ms, time_to_close_all_ms,
                    git_dirty, p50_ms, failed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.experiment, row.file, row.fileHash, String(row.seed), row.mode, row.verdict, row.startedAt,
                row.durationMs, row.airmVersion, row.gitCommit, row.requests, row.successRate, row.availability,
                row.p95Ms, row.p99Ms, row.timeToOpenMs, openTimes, row.timeToCloseMs, closeTimes,
                row.gitDirty, row.p50Ms, row.failed,
            ])
        return db.lastInsertedRowID
    }

    private func insert(_ assertion: RunResult.AssertionResult, runID: Int64, position: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO assertion_results (run_id, position, name, kind, passed, expected, observed, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [runID, position, assertion.name, assertion.kind, assertion.passed,
                        assertion.expected, assertion.observed, assertion.message])
    }

    private func insert(_ transition: RunResult.Transition, runID: Int64, position: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO transitions (run_id, position, provider, at_ms, from_state, to_state, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [runID, position, transition.provider, transition.atMs,
                        transition.from.rawValue, transition.to.rawValue, transition.reason])
    }

    /// `[1200,null]`: the per-fault times as a JSON array.
    static func jsonText(_ values: [Double?]) -> String {
        guard let data = try? JSONEncoder().encode(values) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
