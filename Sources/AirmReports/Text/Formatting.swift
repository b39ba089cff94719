/// Locale-independent number and duration formatting shared by every reporter.
///
/// Integer arithmetic only, so the output is identical on every platform and fast enough
/// to format the thousands of SVG coordinates of a long run.
enum Formatting {
    private static let powers: [Double] = [1, 10, 100, 1000, 10000, 100000, 1000000]

    // MARK: - Numbers

    /// `x` with exactly `decimals` decimals: `fixed(36.2, 3) == "36.200"`.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        format(x, decimals, trim: false)
    }

    /// `x` rounded to at most `decimals` decimals, trailing zeros dropped: `trimmed(12.50, 2) == "12.5"`.
    static func trimmed(_ x: Double, _ decimals: Int) -> String {
        format(x, decimals, trim: true)
    }

    private static func format(_ x: Double, _ decimals: Int, trim: Bool) -> String {
        let places = min(max(decimals, 0), powers.count - 1)
        let scale = powers[places]
        let value = x.isFinite ? min(max(x, -1e15), 1e15) : 0
        let scaled = Int64((abs(value) * scale).rounded())
        let unit = Int64(scale)
        let whole = scaled / unit
        var fraction = scaled % unit
        var out = value < 0 && scaled != 0 ? "-" : ""
        out += String(whole)
        guard places > 0 else { return out }
        var digits = places
        if trim {
            while digits > 0 && fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            guard digits > 0 else { return out }
        }
        let text = String(fraction)
        out += "."
        if text.count < digits { out += String(repeating: "0", count: digits - text.count) }
        out += text
        return out
    }

    /// A ratio in [0, 1] as a percentage with up to two decimals: `0.9925` → `99.25%`.
    static func percent(_ ratio: Double) -> String {
        trimmed(ratio * 100, 2) + "%"
    }

    // MARK: - Time

    /// Seconds with three decimals, as JUnit wants them: `36200` ms → `36.200`.
    static func seconds(ms: Double) -> String {
        fixed(max(ms, 0) / 1000, 3)
    }

    /// A duration the way an experiment file writes it, to 3 significant digits below a minute:
    /// `7.35ms`, `45.6ms`, `450ms`, `1.23s`, `36.2s`; then `3m`, `1m30s`, `1h`.
    static func duration(ms: Double) -> String {
        // A result file may hold any number: past 1e15 ms (31,000 years) every duration reads the same.
        let value = ms.isFinite ? min(max(ms, 0), 1e15) : 0
        if value < 10 { return trimmed(value, 2) + "ms" }
        if value < 100 { return trimmed(value, 1) + "ms" }
        if value < 1000 { return trimmed(value, 0) + "ms" }
        if value < 60_000 { return trimmed(value / 1000, value < 10_000 ? 2 : 1) + "s" }
        let totalSeconds = Int64((value / 1000).rounded())
        let hours = totalSeconds / 3600
        let minutes = (totalSeconds % 3600) / 60
        let seconds = totalSeconds % 60
        var out = ""
        if hours > 0 { out += "\(hours)h" }
        if minutes > 0 { out += "\(minutes)m" }
        if seconds > 0 { out += "\(seconds)s" }
        return out
    }

    /// An ISO 8601 timestamp without zone or fraction (`2026-11-28T10:00:00`), as the strict
    /// JUnit schema requires, taken from the start of `iso`; the epoch when `iso` does not start with one.
    static func junitTimestamp(_ iso: String) -> String {
        let pattern: [Character] = Array("dddd-dd-ddTdd:dd:dd")
        let head = Array(iso.prefix(pattern.count))
        guard head.count == pattern.count else { return "1970-01-01T00:00:00" }
        for (char, expected) in zip(head, pattern) {
            let matches = expected == "d" ? char.isASCII && char.isNumber : char == expected
            if !matches { return "1970-01-01T00:00:00" }
        }
        return String(head)
    }
}
