import AirmReports
import AirmEngine
import AirmSpec
import Foundation
import GRDB

extension HistoryStore {
    // MARK: - Runs

    /// The newest runs first (by id), optionally of one experiment; `limit` < 0 means all.
    public func runs(experiment: String? = nil, limit: Int = 20) throws(HistoryError) -> [RunRow] {
        try read { db in
            let rows: [Row]
            if let experiment {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM runs WHERE experiment = ? ORDER BY id DESC LIMIT ?",
                    arguments: [experiment, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return try rows.map(decodeRun)
        }
    }

    /// The run with this id, or nil.
    public func run(id: Int64) throws(HistoryError) -> RunRow? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(decodeRun)
        }
    }

    /// The run with this id with its assertions and transitions, or nil.
    public func detail(id: Int64) throws(HistoryError) -> RunDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]) else {
                return nil
            }
            return try detail(of: decodeRun(row), db)
        }
    }

    /// The two newest runs of the most recently recorded experiment, or nil when it has fewer than two.
    ///
    /// This is what `airm compare` without arguments compares.
    public func latestTwo() throws(HistoryError) -> (older: RunDetail, newer: RunDetail)? {
        try read { db in
            guard let experiment = try String.fetchOne(db, sql: "SELECT experiment FROM runs ORDER BY id DESC LIMIT 1")
            else { return nil }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM runs WHERE experiment = ? ORDER BY id DESC LIMIT 2", arguments: [experiment])
            guard rows.count == 2 else { return nil }
            return (older: try detail(of: decodeRun(rows[1]), db), newer: try detail(of: decodeRun(rows[0]), db))
        }
    }

    /// The newest run of an experiment with its assertions and transitions, or nil when it has none.
    ///
    /// What `airm compare --baseline` compares with when no run is named.
    public func latest(experiment: String) throws(HistoryError) -> RunDetail? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM runs WHERE experiment = ? ORDER BY id DESC LIMIT 1", arguments: [experiment])
            else { return nil }
            return try detail(of: decodeRun(row), db)
        }
    }

    /// The last `limit` runs of an experiment, oldest first, for the HTML report's trend.
    public func trend(experiment: String, limit: Int = 20) throws(HistoryError) -> [TrendPoint] {
        try runs(experiment: experiment, limit: limit).reversed().map { TrendPoint($0) }
    }

    // MARK: - Reading

    private func read<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        try HistoryError.mapping(path: path) { try queue.read(body) }
    }

    private func detail(of run: RunRow, _ db: Database) throws -> RunDetail {
        let assertions = try Row.fetchAll(
            db, sql: "SELECT * FROM assertion_results WHERE run_id = ? ORDER BY position", arguments: [run.id]
        ).map { row in
            RunResult.AssertionResult(
                name: try value(row, "name"), kind: try value(row, "kind"), passed: try value(row, "passed"),
                expected: try value(row, "expected"), observed: try value(row, "observed"),
                message: try value(row, "message"))
        }
        let transitions = try Row.fetchAll(
            db, sql: "SELECT * FROM transitions WHERE run_id = ? ORDER BY position", arguments: [run.id]
        ).map { row in
            RunResult.Transition(
                provider: try value(row, "provider"), atMs: try value(row, "at_ms"),
                from: try state(row, "from_state"), to: try state(row, "to_state"), reason: try value(row, "reason"))
        }
        return RunDetail(run: run, assertions: assertions, transitions: transitions)
    }

    private func decodeRun(_ row: Row) throws -> RunRow {
        let seedText: String = try value(row, "seed")
        guard let seed = UInt64(seedText) else {
            throw HistoryError.malformed(path: path, detail: "seed \(seedText) is not a number")
        }
        return RunRow(
            id: try value(row, "id"), experiment: try value(row, "experiment"), file: try value(row, "file"),
            fileHash: try value(row, "file_hash"), seed: seed, mode: try value(row, "mode"),
            verdict: try value(row, "verdict"), startedAt: try value(row, "started_at"),
            durationMs: try value(row, "duration_ms"), airmVersion: try value(row, "airm_version"),
            gitCommit: try optionalValue(row, "git_commit"), requests: try value(row, "requests"),
            successRate: try value(row, "success_rate"), availability: try value(row, "availability"),
            p95Ms: try value(row, "p95_ms"), p99Ms: try value(row, "p99_ms"),
            timeToOpenAllMs: try times(row, "time_to_open_all_ms"),
            timeToCloseAllMs: try times(row, "time_to_close_all_ms"),
            p50Ms: try optionalValue(row, "p50_ms"), failed: try optionalValue(row, "failed"),
            gitDirty: try optionalValue(row, "git_dirty"))
    }

    // MARK: - Values

    /// A column's value, or `HistoryError.malformed` when it is NULL or of the wrong type.
    private func value<T: DatabaseValueConvertible>(_ row: Row, _ column: String) throws -> T {
        guard let value = try optionalValue(row, column) as T? else {
            throw HistoryError.malformed(path: path, detail: "column \(column) is empty")
        }
        return value
    }

    private func optionalValue<T: DatabaseValueConvertible>(_ row: Row, _ column: String) throws -> T? {
        let stored: DatabaseValue = row[column]
        if stored.isNull { return nil }
        guard let value = T.fromDatabaseValue(stored) else {
            throw HistoryError.malformed(path: path, detail: "column \(column) holds \(stored)")
        }
        return value
    }

    /// A breaker state column, stored by its file-format name (`half_open`).
    private func state(_ row: Row, _ column: String) throws -> BreakerState {
        let text: String = try value(row, column)
        guard let state = BreakerState(rawValue: text) else {
            throw HistoryError.malformed(path: path, detail: "column \(column) holds \(text)")
        }
        return state
    }

    private func times(_ row: Row, _ column: String) throws -> [Double?] {
        let text: String = try value(row, column)
        guard let values = try? JSONDecoder().decode([Double?].self, from: Data(text.utf8)) else {
            throw HistoryError.malformed(path: path, detail: "column \(column) holds \(text)")
        }
        return values
    }
}
