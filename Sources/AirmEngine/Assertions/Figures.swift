import AirmSpec

/// Formats observed and expected values in their unit: ratios as %, durations in ms or s,
/// rates per second, counts as integers without digit grouping.
enum Figures {
    /// A value in a metric's canonical unit, with as many decimals as it takes not to look equal
    /// to `threshold` when it is not.
    static func value(_ value: Double, unit: Metric.Unit, against threshold: Double? = nil) -> String {
        var level = 0
        while level < 4, let threshold, value != threshold,
              render(value, unit: unit, level: level) == render(threshold, unit: unit, level: level) {
            level += 1
        }
        return render(value, unit: unit, level: level)
    }

    /// A threshold as written in an expectation, exact to 3 decimals of its display unit.
    static func threshold(_ value: Double, unit: Metric.Unit) -> String {
        render(value, unit: unit, level: 2)
    }

    /// A point or span of time in the file format's units: `36.2s`, `250ms`, `1m30s`.
    static func time(_ span: TimeSpan) -> String { span.description }

    /// "once", "2 times".
    static func times(_ count: Int) -> String { count == 1 ? "once" : "\(count) times" }

    // MARK: - Rendering

    static func render(_ value: Double, unit: Metric.Unit, level: Int) -> String {
        switch unit {
        case .count: return String(Int64(value.rounded()))
        case .ratio: return decimal(value * 100, places: 1 + level) + "%"
        case .rate: return decimal(value, places: 1 + level) + "/s"
        case .number: return decimal(value, places: 2 + level)
        case .duration:
            if abs(value) < 1000 { return decimal(value, places: level) + "ms" }
            return decimal(value / 1000, places: 2 + level) + "s"
        }
    }

    /// `value` rounded to `places` decimals, trailing zeros trimmed, never in exponent form.
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled) < 9e18 else { return String(value) }
        let whole = Int64(scaled)
        let negative = whole < 0
        let magnitude = negative ? -whole : whole
        var text = String(magnitude / scale)
        var fraction = places > 0 ? String(magnitude % scale) : ""
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return negative ? "-" + text : text
    }
}
