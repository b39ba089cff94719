import AirmSpec
import Foundation

/// How much each figure may worsen before `airm compare --fail-on regression` calls it a
/// regression: `--tolerance p99=10%,time_to_close=5s` (docs/history.md#tolerances).
///
/// Only the figures named here can be regressions; a figure named with `0` fails on any worsening.
public struct ComparisonTolerance: Sendable, Equatable {
    /// How far a figure may move the wrong way.
    public enum Allowance: Sendable, Equatable {
        /// A fraction of the baseline's value: `10%` is 0.1.
        case relative(Double)
        /// In the figure's own unit: ms, a ratio (`2pp` is 0.02), or a count.
        case absolute(Double)

        /// The allowance in the figure's unit, for a baseline value.
        public func amount(baseline: Double) -> Double {
            switch self {
            case .relative(let fraction): return fraction * abs(baseline)
            case .absolute(let amount): return amount
            }
        }

        /// `10% (25.0 ms)` or `5000.0 ms`.
        func text(_ unit: Comparison.Unit, baseline: Double) -> String {
            switch self {
            case .relative(let fraction):
                return FigureFormat.number(fraction * 100) + "% (" + FigureFormat.amount(amount(baseline: baseline), unit) + ")"
            case .absolute(let amount):
                return FigureFormat.amount(amount, unit)
            }
        }
    }

    /// A `--tolerance` item that cannot be read, with the item and what to write instead.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var item: String
        public var message: String

        public var description: String { "--tolerance `\(item)`: \(message)" }
    }

    /// The figures that may be tolerated, by the name written in `--tolerance`, with their key and unit.
    public static let figures: [(name: String, key: String, unit: Comparison.Unit)] = [
        ("failed", "failed", .count),
        ("success_rate", "success_rate", .ratio),
        ("availability", "availability", .ratio),
        ("p50", "p50_ms", .milliseconds),
        ("p95", "p95_ms", .milliseconds),
        ("p99", "p99_ms", .milliseconds),
        ("time_to_open", "time_to_open_ms", .milliseconds),
        ("time_to_close", "time_to_close_ms", .milliseconds),
    ]

    /// Allowances by figure key (`p99_ms`).
    public var allowances: [String: Allowance]

    public init(_ allowances: [String: Allowance] = [:]) {
        self.allowances = allowances
    }

    // MARK: - Parsing

    /// Reads `--tolerance` values: each a comma-separated list of `figure=allowance`.
    ///
    /// An allowance is `N%` of the baseline's value for any figure; a duration (`250ms`, `5s`) for
    /// times and latencies; `Npp` (percentage points) for `success_rate` and `availability`; a whole
    /// number for `failed`; or `0`. A figure named twice is an error.
    public static func parse(_ specs: [String]) throws(ParseError) -> ComparisonTolerance {
        var tolerance = ComparisonTolerance()
        for spec in specs {
            for rawItem in spec.split(separator: ",", omittingEmptySubsequences: false) {
                let item = rawItem.trimmingSpaces
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ParseError(item: item, message: "write `figure=allowance`, e.g. `p99=10%` or `time_to_close=5s`")
                }
                let name = parts[0].trimmingSpaces, value = parts[1].trimmingSpaces
                guard let figure = figures.first(where: { $0.name == name || $0.key == name }) else {
                    throw ParseError(item: item, message: unknownFigure(name))
                }
                guard tolerance.allowances[figure.key] == nil else {
                    throw ParseError(item: item, message: "`\(figure.name)` is given more than once")
                }
                tolerance.allowances[figure.key] = try allowance(value, unit: figure.unit, item: item)
            }
        }
        return tolerance
    }

    private static func unknownFigure(_ name: String) -> String {
        if name == "requests" { return "`requests` has no better direction, so it cannot regress" }
        return "no figure `\(name)`; " + Suggestions.hint(for: name, among: figures.map(\.name))
    }

    private static func allowance(_ text: String, unit: Comparison.Unit, item: String) throws(ParseError) -> Allowance {
        if let number = UnitParser.number(text), number == 0 { return .absolute(0) }
        if text.hasSuffix("%"), let percent = UnitParser.number(String(text.dropLast())) {
            return .relative(percent / 100)
        }
        switch unit {
        case .milliseconds:
            switch UnitParser.duration(text) {
            case .success(let span): return .absolute(Double(span.nanoseconds) / 1e6)
            case .failure(let error): throw ParseError(item: item, message: error.description + "; or write a percentage such as `10%`")
            }
        case .ratio:
            if text.hasSuffix("pp"), let points = UnitParser.number(String(text.dropLast(2))) {
                return .absolute(points / 100)
            }
            throw ParseError(item: item, message: "`\(text)` is not an allowance; write percentage points such as `0.5pp`, or a percentage of the baseline such as `1%`")
        case .count:
            if let count = UnitParser.number(text), count == count.rounded() { return .absolute(count) }
            throw ParseError(item: item, message: "`\(text)` is not an allowance; write a whole number such as `10`, or a percentage such as `5%`")
        }
    }
}

private extension StringProtocol {
    var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
