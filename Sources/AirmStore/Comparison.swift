/// What changed between two stored runs: what `airm compare A B` shows.
///
/// `before` is the baseline (A) and `after` the run compared with it (B); every delta is after − before.
public struct Comparison: Sendable, Equatable, Encodable {
    /// Whether a figure moved the right way. Higher success and availability are better; lower
    /// latency and times are better. A figure with no preferred direction (requests), or missing
    /// on one side, is `changed` when it differs.
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
    }

    /// One headline figure on both sides.
    public struct Figure: Sendable, Equatable, Encodable {
        /// The figure's key: `requests`, `success_rate`, `availability`, `p95_ms`, `p99_ms`,
        /// `time_to_open_ms`, `time_to_close_ms`.
        public var name: String
        public var unit: Unit
        public var before: Double?
        public var after: Double?
        /// after − before, or nil when either side is missing.
        public var delta: Double?
        public var direction: Direction

        public init(name: String, unit: Unit, preference: Preference, before: Double?, after: Double?) {
            self.name = name
            self.unit = unit
            self.before = before
            self.after = after
            self.delta = before.flatMap { before in after.map { Self.tidy($0 - before) } }
            self.direction = Self.direction(before: before, after: after, preference: preference)
        }

        /// Drops floating-point noise (0.972 − 0.995 = −0.02300000000000002) so JSON shows −0.023.
        private static func tidy(_ delta: Double) -> Double {
            (delta * 1e9).rounded() / 1e9
        }

        private static func direction(before: Double?, after: Double?, preference: Preference) -> Direction {
            guard let before, let after else { return before == nil && after == nil ? .same : .changed }
            if before == after { return .same }
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
    public var verdictChanged: Bool
    /// In the order of `after`'s assertions, then those only `before` had.
    public var flippedAssertions: [FlippedAssertion]
    public var figures: [Figure]

    enum CodingKeys: String, CodingKey {
        case before, after, figures
        case verdictChanged = "verdict_changed"
        case flippedAssertions = "flipped_assertions"
    }

    // MARK: - Comparing

    /// Compares run `b` with the baseline `a`.
    public static func compare(a: RunDetail, b: RunDetail) -> Comparison {
        let (before, after) = (a.run, b.run)
        let figures = [
            Figure(name: "requests", unit: .count, preference: .neutral,
                   before: Double(before.requests), after: Double(after.requests)),
            Figure(name: "success_rate", unit: .ratio, preference: .higher,
                   before: before.successRate, after: after.successRate),
            Figure(name: "availability", unit: .ratio, preference: .higher,
                   before: before.availability, after: after.availability),
            Figure(name: "p95_ms", unit: .milliseconds, preference: .lower, before: before.p95Ms, after: after.p95Ms),
            Figure(name: "p99_ms", unit: .milliseconds, preference: .lower, before: before.p99Ms, after: after.p99Ms),
            Figure(name: "time_to_open_ms", unit: .milliseconds, preference: .lower,
                   before: before.timeToOpenMs, after: after.timeToOpenMs),
            Figure(name: "time_to_close_ms", unit: .milliseconds, preference: .lower,
                   before: before.timeToCloseMs, after: after.timeToCloseMs),
        ]
        return Comparison(before: before, after: after, verdictChanged: before.verdict != after.verdict,
                          flippedAssertions: flipped(a, b), figures: figures)
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
