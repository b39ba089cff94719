import AirmEngine
import AirmSpec
import Foundation
import PostgresNIO

extension PostgresHistoryStore {
    // MARK: - Runs

    public func runs(experiment: String? = nil, limit: Int = 20) async throws(HistoryError) -> [RunRow] {
        let limit: Int? = limit < 0 ? nil : limit
        return try await mapping {
            let rows = if let experiment {
                try await fetch("SELECT * FROM runs WHERE experiment = \(experiment) ORDER BY id DESC LIMIT \(limit)")
            } else {
                try await fetch("SELECT * FROM runs ORDER BY id DESC LIMIT \(limit)")
            }
            return try rows.map(decodeRun)
        }
    }

    /// The run with this id, or nil.
    public func run(id: Int64) async throws(HistoryError) -> RunRow? {
        try await mapping { try await fetch("SELECT * FROM runs WHERE id = \(id)").first.map(decodeRun) }
    }

    public func detail(id: Int64) async throws(HistoryError) -> RunDetail? {
        try await mapping {
            guard let row = try await fetch("SELECT * FROM runs WHERE id = \(id)").first else { return nil }
            return try await detail(of: decodeRun(row))
        }
    }

    public func latestTwo() async throws(HistoryError) -> (older: RunDetail, newer: RunDetail)? {
        try await mapping {
            guard let newest = try await fetch("SELECT experiment FROM runs ORDER BY id DESC LIMIT 1").first else {
                return nil
            }
            let experiment: String = try stored(newest).value("experiment")
            let rows = try await fetch("SELECT * FROM runs WHERE experiment = \(experiment) ORDER BY id DESC LIMIT 2")
            guard rows.count == 2 else { return nil }
            return (older: try await detail(of: decodeRun(rows[1])), newer: try await detail(of: decodeRun(rows[0])))
        }
    }

    public func latest(experiment: String) async throws(HistoryError) -> RunDetail? {
        try await mapping {
            guard let row = try await fetch(
                "SELECT * FROM runs WHERE experiment = \(experiment) ORDER BY id DESC LIMIT 1"
            ).first else { return nil }
            return try await detail(of: decodeRun(row))
        }
    }

    // MARK: - Reading

    private func fetch(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    private func detail(of run: RunRow) async throws -> RunDetail {
        let assertions = try await fetch(
            "SELECT * FROM assertion_results WHERE run_id = \(run.id) ORDER BY position"
        ).map { try stored($0).assertion() }
        let transitions = try await fetch(
            "SELECT * FROM transitions WHERE run_id = \(run.id) ORDER BY position"
        ).map { try stored($0).transition() }
        return RunDetail(run: run, assertions: assertions, transitions: transitions)
    }

    private func decodeRun(_ row: PostgresRandomAccessRow) throws -> RunRow {
        try stored(row).run()
    }

    private func stored(_ row: PostgresRandomAccessRow) -> PostgresHistoryRow {
        PostgresHistoryRow(row: row, location: location)
    }
}

/// A row of the PostgreSQL history, read cell by cell with PostgresNIO.
struct PostgresHistoryRow: StoredRow {
    let row: PostgresRandomAccessRow
    let location: String

    func cell<T: StoredValue>(_ column: String) throws -> T? {
        guard row.contains(column) else { throw malformed("no column \(column)") }
        let cell = row[column]
        if cell.bytes == nil { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw malformed("column \(column) holds a \(cell.dataType)")
        }
    }
}
