import Foundation

/// What `airm history` prints: a table for people, JSON for scripts.
public enum HistoryFormatter {
    /// One line per run, in the given order, under a header:
    /// id, time, experiment, mode, verdict, success rate, p99, commit (7 characters, `+dirty` when
    /// the file differed from it).
    public static func table(_ rows: [RunRow]) -> String {
        guard !rows.isEmpty else { return "no runs recorded\n" }
        let header = ["id", "time", "experiment", "mode", "verdict", "success rate", "p99", "commit"]
        let lines = rows.map { row in
            [
                String(row.id), row.startedAt, row.experiment, row.mode, row.verdict,
                FigureFormat.percent(row.successRate), FigureFormat.milliseconds(row.p99Ms),
                row.commitLabel ?? FigureFormat.missing,
            ]
        }
        return FigureFormat.columns([header] + lines) + "\n"
    }

    /// The rows as a pretty-printed JSON array with sorted snake_case keys; absent values are `null`.
    public static func json(_ rows: [RunRow]) -> String {
        guard let data = try? FigureFormat.jsonEncoder().encode(rows) else { return "[]\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
