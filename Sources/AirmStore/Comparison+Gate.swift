/// What `airm compare --fail-on regression` fails on (docs/history.md#the-gate).
extension Comparison {
    /// One reason the compared run is worse than its baseline.
    public struct Regression: Sendable, Equatable, Encodable {
        /// What regressed.
        public enum Kind: String, Sendable, Encodable {
            case verdict, assertion, figure
        }

        public var kind: Kind
        /// `verdict`, the assertion's name, or the figure's key (`p99_ms`).
        public var name: String
        /// Readable: `passed → failed`, `+60.0 ms, more than the tolerance of 10% (12.0 ms)`.
        public var reason: String

        public init(kind: Kind, name: String, reason: String) {
            self.kind = kind
            self.name = name
            self.reason = reason
        }
    }

    /// Figures whose missing value on B means the worst outcome: the breaker never opened, or never closed.
    static let missingIsWorst: Set<String> = ["time_to_open_ms", "time_to_close_ms"]

    /// The verdict going from `passed` to anything else; each assertion going from passed to failed;
    /// each figure named in `tolerance` that is worse by more than its allowance.
    static func regressions(before: RunRow, after: RunRow, flipped: [FlippedAssertion], figures: [Figure],
                            tolerance: ComparisonTolerance) -> [Regression] {
        var regressions: [Regression] = []
        if before.verdict == "passed" && after.verdict != "passed" {
            regressions.append(Regression(kind: .verdict, name: "verdict", reason: "\(before.verdict) → \(after.verdict)"))
        }
        for assertion in flipped where assertion.before == true && assertion.after == false {
            regressions.append(Regression(kind: .assertion, name: assertion.name, reason: "passed → failed"))
        }
        for figure in figures {
            guard let allowance = tolerance.allowances[figure.name],
                  let reason = regression(figure, allowance: allowance) else { continue }
            regressions.append(Regression(kind: .figure, name: figure.name, reason: reason))
        }
        return regressions
    }

    /// Why `figure` is a regression under `allowance`, or nil when it is not.
    private static func regression(_ figure: Figure, allowance: ComparisonTolerance.Allowance) -> String? {
        guard let before = figure.before else { return nil }
        guard let after = figure.after else {
            guard missingIsWorst.contains(figure.name) else { return nil }
            return "no value, was \(FigureFormat.value(before, figure.unit))"
        }
        guard figure.direction == .worse else { return nil }
        let worsening = abs(figure.unit.rounded(after - before))
        let allowed = allowance.amount(baseline: before)
        guard worsening > allowed + 1e-9 else { return nil }
        let delta = FigureFormat.signed(after - before, figure.unit)
        return "\(delta), more than the tolerance of \(allowance.text(figure.unit, baseline: before))"
    }
}
