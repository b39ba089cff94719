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
        ).map { try stored($0).assertion() }
        let transitions = try Row.fetchAll(
            db, sql: "SELECT * FROM transitions WHERE run_id = ? ORDER BY position", arguments: [run.id]
        ).map { try stored($0).transition() }
        return RunDetail(run: run, assertions: assertions, transitions: transitions)
    }

    private func decodeRun(_ row: Row) throws -> RunRow {
        try stored(row).run()
    }

    private func stored(_ row: Row) -> SQLiteHistoryRow {
        SQLiteHistoryRow(row: row, location: path)
    }
}

/// A row of the history file, read cell by cell with GRDB.
struct SQLiteHistoryRow: StoredRow {
    let row: Row
    let location: String

    func cell<T: StoredValue>(_ column: String) throws -> T? {
        let stored: DatabaseValue = row[column]
        if stored.isNull { return nil }
        guard let value = T.fromDatabaseValue(stored) else { throw malformed("column \(column) holds \(stored)") }
        return value
    }
}
