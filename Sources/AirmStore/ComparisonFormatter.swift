import Foundation

/// What `airm compare` prints: text for people, JSON for scripts.
public enum ComparisonFormatter {
    /// The two runs, the verdict change, the flipped assertions, a table of headline figures and
    /// the regressions `--fail-on regression` would fail on.
    public static func text(_ comparison: Comparison) -> String {
        let (before, after) = (comparison.before, comparison.after)
        let (a, b) = (comparison.beforeLabel, comparison.afterLabel)
        var lines: [String] = []
        if before.experiment == after.experiment {
            lines.append("compare \(a) with \(b) (\(before.experiment))")
        } else {
            lines.append("compare \(a) (\(before.experiment)) with \(b) (\(after.experiment))")
        }
        lines.append(FigureFormat.columns([["run", "time", "mode", "commit", "verdict"]] + [
            (a, before), (b, after),
        ].map { label, run in
            [label, run.startedAt, run.mode, run.commitLabel ?? FigureFormat.missing, run.verdict]
        }))
        lines.append("")
        lines.append(comparison.verdictChanged
            ? "verdict changed: \(before.verdict) → \(after.verdict)"
            : "verdict: \(after.verdict) (unchanged)")
        lines.append(contentsOf: assertionLines(comparison.flippedAssertions))
        lines.append("")
        let header = ["figure", a, b, "delta", "change"]
        lines.append(FigureFormat.columns([header] + comparison.figures.map(figureCells)))
        lines.append("")
        lines.append(contentsOf: regressionLines(comparison.regressions))
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

    private static func regressionLines(_ regressions: [Comparison.Regression]) -> [String] {
        guard !regressions.isEmpty else { return ["regressions: none"] }
        return ["regressions (\(regressions.count)):"] + regressions.map { "  \(describe($0))" }
    }

    /// `verdict: passed → failed`, `assertion "…": passed → failed`, `p99: +60.0 ms, more than …`.
    static func describe(_ regression: Comparison.Regression) -> String {
        switch regression.kind {
        case .verdict: return "verdict: \(regression.reason)"
        case .assertion: return "assertion \"\(regression.name)\": \(regression.reason)"
        case .figure: return "\(label(regression.name)): \(regression.reason)"
        }
    }

    static func outcome(_ passed: Bool?) -> String {
        passed.map { $0 ? "passed" : "failed" } ?? "absent"
    }

    static func figureCells(_ figure: Comparison.Figure) -> [String] {
        [
            label(figure.name),
            figure.before.map { FigureFormat.value($0, figure.unit) } ?? FigureFormat.missing,
            figure.after.map { FigureFormat.value($0, figure.unit) } ?? FigureFormat.missing,
            figure.delta.map { FigureFormat.signed($0, figure.unit) } ?? FigureFormat.missing,
            figure.direction.rawValue,
        ]
    }

    /// How a figure's key is printed: `p99_ms` is `p99`.
    static func label(_ name: String) -> String {
        switch name {
        case "success_rate": return "success rate"
        case "p50_ms": return "p50"
        case "p95_ms": return "p95"
        case "p99_ms": return "p99"
        case "time_to_open_ms": return "time to open"
        case "time_to_close_ms": return "time to close"
        default: return name
        }
    }
}
