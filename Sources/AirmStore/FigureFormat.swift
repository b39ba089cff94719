import Foundation

/// How history and comparison output prints numbers: counts without digit grouping, ratios as
/// percentages with two decimals, times in milliseconds with one decimal.
enum FigureFormat {
    static let missing = "-"

    static func count(_ value: Double) -> String {
        String(Int64(value.rounded()))
    }

    static func percent(_ ratio: Double) -> String {
        String(format: "%.2f%%", ratio * 100)
    }

    static func milliseconds(_ value: Double) -> String {
        String(format: "%.1f ms", value)
    }

    static func signedCount(_ value: Double) -> String {
        let rounded = Int64(value.rounded())
        return rounded > 0 ? "+\(rounded)" : String(rounded)
    }

    static func signedPoints(_ ratioDelta: Double) -> String {
        signed(String(format: "%.2f", ratioDelta * 100), value: ratioDelta) + " pp"
    }

    static func signedMilliseconds(_ value: Double) -> String {
        signed(String(format: "%.1f", value), value: value) + " ms"
    }

    // MARK: - Figures by unit

    /// A figure's value in its unit: `1200`, `99.50%`, `250.0 ms`.
    static func value(_ value: Double, _ unit: Comparison.Unit) -> String {
        switch unit {
        case .count: return count(value)
        case .ratio: return percent(value)
        case .milliseconds: return milliseconds(value)
        }
    }

    /// A change in a figure's unit, rounded as printed and signed: `-20`, `+0.50 pp`, `+25.0 ms`; zero has no sign.
    static func signed(_ delta: Double, _ unit: Comparison.Unit) -> String {
        let rounded = unit.rounded(delta)
        switch unit {
        case .count: return signedCount(rounded)
        case .ratio: return signedPoints(rounded)
        case .milliseconds: return signedMilliseconds(rounded)
        }
    }

    /// An unsigned amount in a figure's unit: `20`, `0.50 pp`, `25.0 ms`.
    static func amount(_ value: Double, _ unit: Comparison.Unit) -> String {
        switch unit {
        case .count: return count(value)
        case .ratio: return String(format: "%.2f pp", value * 100)
        case .milliseconds: return milliseconds(value)
        }
    }

    /// A plain number without trailing zeros: `10`, `2.5`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Pads each column to its widest cell, two spaces apart, without trailing spaces.
    static func columns(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        .joined(separator: "\n")
    }

    private static func signed(_ text: String, value: Double) -> String {
        value > 0 && !text.hasPrefix("+") ? "+" + text : text
    }

    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
