/// Axis arithmetic for the report's charts: round maxima, tick steps and coordinate text.
enum ChartScale {
    // MARK: - Value axes

    /// A round upper bound at or above `value` and a tick step dividing it into about `intervals` parts.
    static func niceBound(_ value: Double, intervals: Int = 4) -> (max: Double, step: Double) {
        guard value.isFinite, value > 0 else { return (1, 1) }
        let raw = value / Double(max(intervals, 1))
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let top = (value / step).rounded(.up) * step
        return (top, step)
    }

    // MARK: - Time axis

    private static let timeSteps: [Double] = [
        100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ]

    /// The tick step for a time axis spanning `rangeMs`: the smallest round step giving at most `maxTicks` intervals.
    static func timeStep(rangeMs: Double, maxTicks: Int = 12) -> Double {
        timeSteps.first { rangeMs / $0 <= Double(maxTicks) } ?? (rangeMs / Double(maxTicks)).rounded(.up)
    }

    /// A tick label in seconds, minutes or hours: `0s`, `30s`, `1m`, `1m30s`, `1h`.
    static func timeLabel(ms: Double) -> String {
        ms <= 0 ? "0s" : Formatting.duration(ms: ms)
    }

    /// A latency tick label: `0`, `250ms`, `1.5s`.
    static func latencyLabel(ms: Double) -> String {
        ms <= 0 ? "0" : Formatting.duration(ms: ms)
    }

    // MARK: - Coordinates

    /// A coordinate rounded to one decimal, as SVG attribute text.
    @inline(__always)
    static func coord(_ value: Double) -> String {
        Formatting.trimmed(value, 1)
    }
}
