import Foundation

/// What `airm compare` prints: text for people, JSON for scripts.
public enum ComparisonFormatter {
    /// The two runs, the verdict change, the flipped assertions and a table of headline figures.
    public static func text(_ comparison: Comparison) -> String {
        let (before, after) = (comparison.before, comparison.after)
        var lines: [String] = []
        if before.experiment == after.experiment {
            lines.append("compare run \(before.id) with run \(after.id) (\(before.experiment))")
        } else {
            lines.append("compare run \(before.id) (\(before.experiment)) with run \(after.id) (\(after.experiment))")
        }
        lines.append(FigureFormat.columns([["run", "time", "commit", "verdict"]] + [before, after].map { run in
            [String(run.id), run.startedAt, run.shortCommit ?? FigureFormat.missing, run.verdict]
        }))
        lines.append("")
        lines.append(comparison.verdictChanged
            ? "verdict changed: \(before.verdict) → \(after.verdict)"
            : "verdict: \(after.verdict) (unchanged)")
        lines.append(contentsOf: assertionLines(comparison.flippedAssertions))
        lines.append("")
        let header = ["figure", "run \(before.id)", "run \(after.id)", "delta", "change"]
        lines.append(FigureFormat.columns([header] + comparison.figures.map(figureCells)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comparison as pretty-printed JSON with sorted snake_case keys; absent values are `null`.
    public static func json(_ comparison: Comparison) -> String {
        guard let data = try? FigureFormat.jsonEncoder().encode(comparison) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - Parts

    private static func assertionLines(_ flipped: [Comparison.FlippedAssertion]) -> [String] {
        guard !flipped.isEmpty else { return ["assertions flipped: none"] }
        return ["assertions flipped (\(flipped.count)):"] + flipped.map { assertion in
            "  \(assertion.name): \(outcome(assertion.before)) → \(outcome(assertion.after))"
        }
    }

    private static func outcome(_ passed: Bool?) -> String {
        passed.map { $0 ? "passed" : "failed" } ?? "absent"
    }

    private static func figureCells(_ figure: Comparison.Figure) -> [String] {
        [
            label(figure.name),
            figure.before.map { value($0, figure.unit) } ?? FigureFormat.missing,
            figure.after.map { value($0, figure.unit) } ?? FigureFormat.missing,
            figure.delta.map { delta($0, figure.unit) } ?? FigureFormat.missing,
            figure.direction.rawValue,
        ]
    }

    private static func label(_ name: String) -> String {
        switch name {
        case "success_rate": return "success rate"
        case "p95_ms": return "p95"
        case "p99_ms": return "p99"
        case "time_to_open_ms": return "time to open"
        case "time_to_close_ms": return "time to close"
        default: return name
        }
    }

    private static func value(_ value: Double, _ unit: Comparison.Unit) -> String {
        switch unit {
        case .count: return FigureFormat.count(value)
        case .ratio: return FigureFormat.percent(value)
        case .milliseconds: return FigureFormat.milliseconds(value)
        }
    }

    private static func delta(_ delta: Double, _ unit: Comparison.Unit) -> String {
        switch unit {
        case .count: return FigureFormat.signedCount(delta)
        case .ratio: return FigureFormat.signedPoints(delta)
        case .milliseconds: return FigureFormat.signedMilliseconds(delta)
        }
    }
}
