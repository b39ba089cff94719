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
            let experiment: String = try value(newest, "experiment")
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
        ).map { row in
            RunResult.AssertionResult(
                name: try value(row, "name"), kind: try value(row, "kind"), passed: try value(row, "passed"),
                expected: try value(row, "expected"), observed: try value(row, "observed"),
                message: try value(row, "message"))
        }
        let transitions = try await fetch(
            "SELECT * FROM transitions WHERE run_id = \(run.id) ORDER BY position"
        ).map { row in
            RunResult.Transition(
                provider: try value(row, "provider"), atMs: try value(row, "at_ms"),
                from: try state(row, "from_state"), to: try state(row, "to_state"), reason: try value(row, "reason"))
        }
        return RunDetail(run: run, assertions: assertions, transitions: transitions)
    }

    private func decodeRun(_ row: PostgresRandomAccessRow) throws -> RunRow {
        let seedText: String = try value(row, "seed")
        guard let seed = UInt64(seedText) else {
            throw HistoryError.malformed(path: location, detail: "seed \(seedText) is not a number")
        }
        let requests: Int64 = try value(row, "requests")
        let failed: Int64? = try optionalValue(row, "failed")
        return RunRow(
            id: try value(row, "id"), experiment: try value(row, "experiment"), file: try value(row, "file"),
            fileHash: try value(row, "file_hash"), seed: seed, mode: try value(row, "mode"),
            verdict: try value(row, "verdict"), startedAt: try value(row, "started_at"),
            durationMs: try value(row, "duration_ms"), airmVersion: try value(row, "airm_version"),
            gitCommit: try optionalValue(row, "git_commit"), requests: Int(requests),
            successRate: try value(row, "success_rate"), availability: try value(row, "availability"),
            p95Ms: try value(row, "p95_ms"), p99Ms: try value(row, "p99_ms"),
            timeToOpenAllMs: try times(row, "time_to_open_all_ms"),
            timeToCloseAllMs: try times(row, "time_to_close_all_ms"),
            p50Ms: try optionalValue(row, "p50_ms"), failed: failed.map { Int($0) },
            gitDirty: try optionalValue(row, "git_dirty"))
    }

    // MARK: - Values

    /// A column's value, or `HistoryError.malformed` when it is NULL or of the wrong type.
    private func value<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ column: String) throws -> T {
        guard let value = try optionalValue(row, column) as T? else {
            throw HistoryError.malformed(path: location, detail: "column \(column) is empty")
        }
        return value
    }

    private func optionalValue<T: PostgresDecodable>(_ row: PostgresRandomAccessRow, _ column: String) throws -> T? {
        guard row.contains(column) else { throw HistoryError.malformed(path: location, detail: "no column \(column)") }
        let cell = row[column]
        if cell.bytes == nil { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw HistoryError.malformed(path: location, detail: "column \(column) holds a \(row[column].dataType)")
        }
    }

    /// A breaker state column, stored by its file-format name (`half_open`).
    private func state(_ row: PostgresRandomAccessRow, _ column: String) throws -> BreakerState {
        let text: String = try value(row, column)
        guard let state = BreakerState(rawValue: text) else {
            throw HistoryError.malformed(path: location, detail: "column \(column) holds \(text)")
        }
        return state
    }

    private func times(_ row: PostgresRandomAccessRow, _ column: String) throws -> [Double?] {
        let text: String = try value(row, column)
        guard let values = try? JSONDecoder().decode([Double?].self, from: Data(text.utf8)) else {
            throw HistoryError.malformed(path: location, detail: "column \(column) holds \(text)")
        }
        return values
    }
}
