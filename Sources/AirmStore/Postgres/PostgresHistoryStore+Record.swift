import AirmEngine
import PostgresNIO

extension PostgresHistoryStore {
    // MARK: - Recording

    /// Writes one run, its assertion results and its transitions in a single transaction.
    ///
    /// As with the SQLite file, the experiment file's text is not stored, only its hash.
    @discardableResult
    public func record(_ result: RunResult, gitCommit: String?, gitDirty: Bool? = nil) async throws(HistoryError) -> Int64 {
        let row = RunRow(result: result, gitCommit: gitCommit, gitDirty: gitDirty)
        let (logger, location) = (logger, location)
        return try await mapping {
            try await connection.withTransaction(logger: logger) { connection in
                let id = try await Self.insert(row, connection, logger, location: location)
                for (position, assertion) in result.assertions.enumerated() {
                    try await connection.query("""
                        INSERT INTO assertion_results (run_id, position, name, kind, passed, expected, observed, message)
                        VALUES (\(id), \(position), \(assertion.name), \(assertion.kind), \(assertion.passed),
                            \(assertion.expected), \(assertion.observed), \(assertion.message))
                        """, logger: logger)
                }
                for (position, transition) in result.transitions.enumerated() {
                    try await connection.query("""
                        INSERT INTO transitions (run_id, position, provider, at_ms, from_state, to_state, reason)
                        VALUES (\(id), \(position), \(transition.provider), \(transition.atMs),
                            \(transition.from.rawValue), \(transition.to.rawValue), \(transition.reason))
                        """, logger: logger)
                }
                return id
            }
        }
    }

    private static func insert(_ row: RunRow, _ connection: PostgresConnection, _ logger: Logger,
                               location: String) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO runs (experiment, file, file_hash, seed, mode, verdict, started_at, duration_ms,
                airm_version, git_commit, requests, success_rate, availability, p95_ms, p99_ms,
                time_to_open_ms, time_to_open_all_ms, time_to_close_ms, time_to_close_all_ms,
                git_dirty, p50_ms, failed)
            VALUES (\(row.experiment), \(row.file), \(row.fileHash), \(String(row.seed)), \(row.mode), \(row.verdict),
                \(row.startedAt), \(row.durationMs), \(row.airmVersion), \(row.gitCommit), \(row.requests),
                \(row.successRate), \(row.availability), \(row.p95Ms), \(row.p99Ms), \(row.timeToOpenMs),
                \(HistoryStore.jsonText(row.timeToOpenAllMs)), \(row.timeToCloseMs),
                \(HistoryStore.jsonText(row.timeToCloseAllMs)), \(row.gitDirty), \(row.p50Ms), \(row.failed))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw HistoryError.database(path: location, message: "INSERT returned no id")
    }
}
