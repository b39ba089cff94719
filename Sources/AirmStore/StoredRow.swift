import AirmEngine
import AirmSpec
import Foundation
import GRDB
import PostgresNIO

/// A value one history column holds, readable from both back ends.
typealias StoredValue = DatabaseValueConvertible & PostgresDecodable

/// One row read back from a history store. Each back end reads the cells of its own kind of row
/// (`cell`); how a row becomes a run, an assertion or a transition is written once, here, so
/// both stores give back the same values (docs/history.md).
protocol StoredRow {
    /// Where the row was read from, for errors: a path, or a URL without its password.
    var location: String { get }
    /// The cell of `column`, nil when NULL; `HistoryError.malformed` when missing or of another type.
    func cell<T: StoredValue>(_ column: String) throws -> T?
}

extension StoredRow {
    /// A column's value, or `HistoryError.malformed` when it is NULL or of the wrong type.
    func value<T: StoredValue>(_ column: String) throws -> T {
        guard let value = try cell(column) as T? else { throw malformed("column \(column) is empty") }
        return value
    }

    func malformed(_ detail: String) -> HistoryError {
        .malformed(path: location, detail: detail)
    }

    /// A row of `runs`.
    func run() throws -> RunRow {
        let seedText: String = try value("seed")
        guard let seed = UInt64(seedText) else { throw malformed("seed \(seedText) is not a number") }
        return RunRow(
            id: try value("id"), experiment: try value("experiment"), file: try value("file"),
            fileHash: try value("file_hash"), seed: seed, mode: try value("mode"),
            verdict: try value("verdict"), startedAt: try value("started_at"),
            durationMs: try value("duration_ms"), airmVersion: try value("airm_version"),
            gitCommit: try cell("git_commit"), requests: try value("requests"),
            successRate: try value("success_rate"), availability: try value("availability"),
            p95Ms: try value("p95_ms"), p99Ms: try value("p99_ms"),
            timeToOpenAllMs: try times("time_to_open_all_ms"),
            timeToCloseAllMs: try times("time_to_close_all_ms"),
            p50Ms: try cell("p50_ms"), failed: try cell("failed"), gitDirty: try cell("git_dirty"))
    }

    /// A row of `assertion_results`.
    func assertion() throws -> RunResult.AssertionResult {
        RunResult.AssertionResult(
            name: try value("name"), kind: try value("kind"), passed: try value("passed"),
            expected: try value("expected"), observed: try value("observed"), message: try value("message"))
    }

    /// A row of `transitions`.
    func transition() throws -> RunResult.Transition {
        RunResult.Transition(
            provider: try value("provider"), atMs: try value("at_ms"),
            from: try state("from_state"), to: try state("to_state"), reason: try value("reason"))
    }

    /// A breaker state column, stored by its file-format name (`half_open`).
    private func state(_ column: String) throws -> BreakerState {
        let text: String = try value(column)
        guard let state = BreakerState(rawValue: text) else { throw malformed("column \(column) holds \(text)") }
        return state
    }

    /// A JSON array of times in ms, `null` for a breaker that never did.
    private func times(_ column: String) throws -> [Double?] {
        let text: String = try value(column)
        guard let values = try? JSONDecoder().decode([Double?].self, from: Data(text.utf8)) else {
            throw malformed("column \(column) holds \(text)")
        }
        return values
    }
}
