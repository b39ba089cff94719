/// A signed span of time with nanosecond resolution.
///
/// Virtual time in the engine is a `TimeSpan` since the run's start, so arithmetic is exact
/// and equal instants compare equal.
public struct TimeSpan: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The span of a Swift `Duration`, to the nanosecond.
    /// Saturates at the largest span either way.
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else {
            self.init(nanoseconds: seconds < 0 ? .min : .max)
            return
        }
        let (total, overflowSum) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        self.init(nanoseconds: overflowSum ? (whole < 0 ? .min : .max) : total)
    }

    /// The span nearest `nanoseconds`: saturates at the largest span either way, and NaN is zero.
    ///
    /// Every conversion from a `Double` goes through here, so no input value can trap.
    public init(saturating nanoseconds: Double) {
        let rounded = nanoseconds.rounded()
        if rounded.isNaN {
            self.init(nanoseconds: 0)
        } else if rounded >= 0x1p63 {
            self.init(nanoseconds: .max)
        } else if rounded <= -0x1p63 {
            self.init(nanoseconds: .min)
        } else {
            self.init(nanoseconds: Int64(rounded))
        }
    }

    public static let zero = TimeSpan(nanoseconds: 0)
    /// Later than any time a run reaches: "no limit".
    public static let max = TimeSpan(nanoseconds: .max)

    public static func milliseconds(_ value: Double) -> TimeSpan {
        TimeSpan(saturating: value * 1_000_000)
    }

    public static func seconds(_ value: Double) -> TimeSpan {
        TimeSpan(saturating: value * 1_000_000_000)
    }

    public var seconds: Double { Double(nanoseconds) / 1_000_000_000 }
    public var milliseconds: Double { Double(nanoseconds) / 1_000_000 }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: lhs.nanoseconds + rhs.nanoseconds) }
    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: lhs.nanoseconds - rhs.nanoseconds) }
    public static func += (lhs: inout TimeSpan, rhs: TimeSpan) { lhs.nanoseconds += rhs.nanoseconds }
    public static func * (lhs: TimeSpan, rhs: Double) -> TimeSpan { TimeSpan(saturating: Double(lhs.nanoseconds) * rhs) }

    /// The shortest exact form in the file format's units: `250ms`, `1.5s`, `2m`, `1m30s`.
    public var description: String { TimeSpanFormat.format(self) }
}

/// Formats a `TimeSpan` the way the file format writes durations.
enum TimeSpanFormat {
    static func format(_ span: TimeSpan) -> String {
        let ns = span.nanoseconds
        if ns == 0 { return "0s" }
        if ns < 0 { return "-" + format(TimeSpan(nanoseconds: -ns)) }
        let ms = Double(ns) / 1_000_000
        if ns < 1_000_000_000 { return trim(ms) + "ms" }
        let s = Double(ns) / 1_000_000_000
        if ns % 60_000_000_000 == 0 {
            let minutes = ns / 60_000_000_000
            return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes)m"
        }
        if s > 60, ns % 1_000_000_000 == 0 {
            let whole = ns / 1_000_000_000
            return "\(whole / 60)m\(whole % 60)s"
        }
        return trim(s) + "s"
    }

    private static func trim(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
