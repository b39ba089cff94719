/// What changed between two runs: what `airm compare` shows (docs/history.md#compare).
///
/// `before` is the baseline (A) and `after` the run compared with it (B); every delta is after − before.
public struct Comparison: Sendable, Equatable, Encodable {
    /// Whether a figure moved the right way. Higher success and availability are better; lower
    /// latency, failures and times are better. A figure with no preferred direction (requests), or
    /// missing on one side, is `changed` when it differs. A change too small to print (below the
    /// unit's `resolution`) is `same`: a change of 0 is never `worse`.
    public enum Direction: String, Sendable, Codable {
        case better, worse, same, changed
    }

    /// Which way a figure should move.
    public enum Preference: String, Sendable, Codable {
        case higher, lower, neutral
    }

    /// How a figure is printed.
    public enum Unit: String, Sendable, Codable {
        case count, ratio, milliseconds

        /// The smallest change that is printed: 1 request, 0.01 percentage point, 0.1 ms.
        public var resolution: Double {
            switch self {
            case .count: return 1
            case .ratio: return 0.0001
            case .milliseconds: return 0.1
            }
        }

        /// `value` rounded to the unit's resolution, as it is printed; never −0.
        public func rounded(_ value: Double) -> Double {
            let rounded = (value / resolution).rounded() * resolution
            return rounded == 0 ? 0 : (rounded * 1e9).rounded() / 1e9
        }
    }

    /// One headline figure on both sides.
    public struct Figure: Sendable, Equatable, Encodable {
        /// The figure's key: `requests`, `failed`, `success_rate`, `availability`, `p50_ms`,
        /// `p95_ms`, `p99_ms`, `time_to_open_ms`, `time_to_close_ms`.
        public var name: String
        public var unit: Unit
        public var preference: Preference
        public var before: Double?
        public var after: Double?
        /// after − before, or nil when either side is missing.
        public var delta: Double?
        public var direction: Direction

        public init(name: String, unit: Unit, preference: Preference, before: Double?, after: Double?) {
            self.name = name
            self.unit = unit
            self.preference = preference
            self.before = before
            self.after = after
            self.delta = before.flatMap { before in after.map { Self.tidy($0 - before) } }
            self.direction = Self.direction(before: before, after: after, unit: unit, preference: preference)
        }

        /// Drops floating-point noise (0.972 − 0.995 = −0.02300000000000002) so JSON shows −0.023.
        private static func tidy(_ delta: Double) -> Double {
            (delta * 1e9).rounded() / 1e9
        }

        private static func direction(before: Double?, after: Double?, unit: Unit,
                                      preference: Preference) -> Direction {
            guard let before, let after else { return before == nil && after == nil ? .same : .changed }
            if unit.rounded(after - before) == 0 { return .same }
            switch preference {
            case .higher: return after > before ? .better : .worse
            case .lower: return after < before ? .better : .worse
            case .neutral: return .changed
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(unit, forKey: .unit)
            try container.encode(before, forKey: .before)
            try container.encode(after, forKey: .after)
            try container.encode(delta, forKey: .delta)
            try container.encode(direction, forKey: .direction)
        }

        enum CodingKeys: String, CodingKey { case name, unit, before, after, delta, direction }
    }

    /// An assertion whose outcome differs; `nil` on a side where the run had no assertion of that name.
    public struct FlippedAssertion: Sendable, Equatable, Encodable {
        public var name: String
        public var before: Bool?
        public var after: Bool?

        public init(name: String, before: Bool?, after: Bool?) {
            self.name = name
            self.before = before
            self.after = after
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(before, forKey: .before)
            try container.encode(after, forKey: .after)
        }

        enum CodingKeys: String, CodingKey { case name, before, after }
    }

    public var before: RunRow
    public var after: RunRow
    /// How each side is named in output: `run 12`, or the result file it was read from.
    public var beforeLabel: String
    public var afterLabel: String
    public var verdictChanged: Bool
    /// In the order of `after`'s assertions, then those only `before` had.
    public var flippedAssertions: [FlippedAssertion]
    public var figures: [Figure]
    /// What `--fail-on regression` fails on, in order: the verdict, assertions, then figures.
    public var regressions: [Regression]

    enum CodingKeys: String, CodingKey {
        case before, after, figures, regressions
        case beforeLabel = "before_label"
        case afterLabel = "after_label"
        case verdictChanged = "verdict_changed"
        case flippedAssertions = "flipped_assertions"
    }

    // MARK: - Comparing

    /// Compares run `b` with the baseline `a`; `tolerance` says which figures can be regressions.
    public static func compare(a: RunDetail, b: RunDetail, tolerance: ComparisonTolerance = .init()) -> Comparison {
        let (before, after) = (a.run, b.run)
        let figures = [
            Figure(name: "requests", unit: .count, preference: .neutral,
                   before: Double(before.requests), after: Double(after.requests)),
            Figure(name: "failed", unit: .count, preference: .lower,
                   before: before.failed.map(Double.init), after: after.failed.map(Double.init)),
            Figure(name: "success_rate", unit: .ratio, preference: .higher,
                   before: before.successRate, after: after.successRate),
            Figure(name: "availability", unit: .ratio, preference: .higher,
                   before: before.availability, after: after.availability),
            Figure(name: "p50_ms", unit: .milliseconds, preference: .lower, before: before.p50Ms, after: after.p50Ms),
            Figure(name: "p95_ms", unit: .milliseconds, preference: .lower, before: before.p95Ms, after: after.p95Ms),
            Figure(name: "p99_ms", unit: .milliseconds, preference: .lower, before: before.p99Ms, after: after.p99Ms),
            Figure(name: "time_to_open_ms", unit: .milliseconds, preference: .lower,
                   before: before.timeToOpenMs, after: after.timeToOpenMs),
            Figure(name: "time_to_close_ms", unit: .milliseconds, preference: .lower,
                   before: before.timeToCloseMs, after: after.timeToCloseMs),
        ]
        let flippedAssertions = flipped(a, b)
        return Comparison(
            before: before, after: after, beforeLabel: a.label, afterLabel: b.label,
            verdictChanged: before.verdict != after.verdict, flippedAssertions: flippedAssertions, figures: figures,
            regressions: regressions(before: before, after: after, flipped: flippedAssertions, figures: figures,
                                     tolerance: tolerance))
    }

    private static func flipped(_ a: RunDetail, _ b: RunDetail) -> [FlippedAssertion] {
        let beforeByName = Dictionary(a.assertions.map { ($0.name, $0.passed) }, uniquingKeysWith: { first, _ in first })
        let afterNames = Set(b.assertions.map(\.name))
        var seen = Set<String>()
        var result: [FlippedAssertion] = []
        for assertion in b.assertions where seen.insert(assertion.name).inserted {
            let before = beforeByName[assertion.name]
            if before != assertion.passed {
                result.append(FlippedAssertion(name: assertion.name, before: before, after: assertion.passed))
            }
        }
        for assertion in a.assertions where !afterNames.contains(assertion.name) && seen.insert(assertion.name).inserted {
            result.append(FlippedAssertion(name: assertion.name, before: assertion.passed, after: nil))
        }
        return result
    }
}
