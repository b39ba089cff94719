/// Why a piece of text is not a valid duration, rate, ratio, time reference or expression.
public struct UnitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// A suggestion such as "add a unit, e.g. `30s`".
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}

/// Parsers for the units of the file format (docs/experiment-format.md "Units").
///
/// Every parser is total: any text gives either a value or a `UnitError`, never a trap.
public enum UnitParser {
    /// The longest duration accepted anywhere: 10000 hours. Keeps every sum of times far from overflow.
    public static let maximumDuration = TimeSpan(nanoseconds: 10_000 * 3_600 * 1_000_000_000)
    /// The highest rate accepted anywhere.
    public static let maximumRate = 1_000_000.0
    /// The lowest non-zero rate accepted anywhere: one call in `maximumDuration`, so the gap
    /// between two calls is a time the engine can hold and add to any time of a run.
    public static let minimumRate = 1 / maximumDuration.seconds
    /// The largest count accepted as a threshold: exact as a `Double`, far from `Int64.max`.
    public static let maximumCount = 1e15

    // MARK: - Durations

    /// `250ms`, `5s`, `1.5s`, `2m`, `1h`, `1m30s`. A unit is required; units go from largest to smallest.
    public static func duration(_ text: String) -> Result<TimeSpan, UnitError> {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .failure(UnitError("empty duration", hint: "write a duration such as `30s`")) }
        if trimmed.hasPrefix("-") {
            return .failure(UnitError("a duration cannot be negative: `\(trimmed)`"))
        }
        if number(trimmed) != nil {
            return .failure(UnitError("`\(trimmed)` has no unit", hint: "add a unit, e.g. `\(trimmed)s` or `\(trimmed)ms`"))
        }
        var scalars = Substring(trimmed)
        var total = 0.0
        var lastRank = Int.max
        while !scalars.isEmpty {
            let digits = scalars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty, let value = number(String(digits)) else {
                return .failure(UnitError("`\(trimmed)` is not a duration", hint: "write e.g. `250ms`, `5s`, `1.5s`, `2m`, `1h` or `1m30s`"))
            }
            scalars = scalars.dropFirst(digits.count)
            let unitText = scalars.prefix { $0.isLetter }
            scalars = scalars.dropFirst(unitText.count)
            guard let unit = DurationUnit(rawValue: String(unitText)) else {
                let hint = unitText.isEmpty ? "add a unit, e.g. `\(digits)s`" : "units are `ms`, `s`, `m` and `h`"
                return .failure(UnitError("`\(trimmed)` is not a duration", hint: hint))
            }
            guard unit.rank < lastRank else {
                return .failure(UnitError("`\(trimmed)` is not a duration", hint: "write units from largest to smallest, each once, e.g. `1m30s`"))
            }
            lastRank = unit.rank
            total += value * unit.nanoseconds
        }
        guard total.isFinite, total <= Double(maximumDuration.nanoseconds) else {
            return .failure(UnitError("`\(trimmed)` is too long", hint: "the longest duration is 10000h"))
        }
        return .success(TimeSpan(nanoseconds: Int64(total.rounded())))
    }

    private enum DurationUnit: String {
        case h, m, s, ms
        var rank: Int {
            switch self { case .h: 4; case .m: 3; case .s: 2; case .ms: 1 }
        }
        var nanoseconds: Double {
            switch self { case .h: 3_600e9; case .m: 60e9; case .s: 1e9; case .ms: 1e6 }
        }
    }

    // MARK: - Rates

    /// `20/s`, `600/m`, `36000/h`, held per second with the written unit in `per`. Zero is allowed here; callers that need a positive rate check it.
    public static func rate(_ text: String) -> Result<Rate, UnitError> {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            if number(trimmed) != nil {
                return .failure(UnitError("`\(trimmed)` has no time unit", hint: "write a rate such as `\(trimmed)/s`"))
            }
            return .failure(UnitError("`\(trimmed)` is not a rate", hint: "write e.g. `20/s`, `600/m` or `36000/h`"))
        }
        let count = String(parts[0]).trimmingSpaces
        let unit = String(parts[1]).trimmingSpaces
        if count.hasPrefix("-") { return .failure(UnitError("a rate cannot be negative: `\(trimmed)`")) }
        guard let value = number(count) else {
            return .failure(UnitError("`\(trimmed)` is not a rate", hint: "write e.g. `20/s`, `600/m` or `36000/h`"))
        }
        let seconds: Double
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        default: return .failure(UnitError("`\(trimmed)` has an unknown time unit `\(unit)`", hint: "use `/s`, `/m` or `/h`"))
        }
        let perSecond = value / seconds
        guard perSecond.isFinite, perSecond <= maximumRate else {
            return .failure(UnitError("`\(trimmed)` is too high", hint: "the highest rate is 1000000/s"))
        }
        guard perSecond == 0 || perSecond >= minimumRate else {
            return .failure(UnitError("`\(trimmed)` is too low", hint: "the lowest rate other than 0 is 0.0001/h, one call in 10000h"))
        }
        return .success(Rate(perSecond: perSecond, per: .seconds(seconds)))
    }

    // MARK: - Ratios

    /// `99%`, `0.5%`, or a number in [0, 1].
    public static func ratio(_ text: String) -> Result<Ratio, UnitError> {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix("-") { return .failure(UnitError("a ratio cannot be negative: `\(trimmed)`")) }
        if trimmed.hasSuffix("%") {
            guard let percent = number(String(trimmed.dropLast()).trimmingSpaces) else {
                return .failure(UnitError("`\(trimmed)` is not a ratio", hint: "write e.g. `99%`, `0.5%` or `0.99`"))
            }
            guard percent <= 100 else { return .failure(UnitError("`\(trimmed)` is above 100%")) }
            return .success(Ratio(fraction: percent / 100))
        }
        guard let value = number(trimmed) else {
            return .failure(UnitError("`\(trimmed)` is not a ratio", hint: "write e.g. `99%`, `0.5%` or `0.99`"))
        }
        guard value <= 1 else {
            return .failure(UnitError("`\(trimmed)` is above 1", hint: value <= 100 ? "did you mean `\(trimmed)%`?" : nil))
        }
        return .success(Ratio(fraction: value))
    }

    // MARK: - Numbers

    /// A non-negative decimal number without exponent: `12`, `0.5`, `.5`. `nil` for anything else.
    public static func number(_ text: String) -> Double? {
        var sawDigit = false
        var sawPoint = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": sawDigit = true
            case "." where !sawPoint: sawPoint = true
            default: return nil
            }
        }
        guard sawDigit, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
