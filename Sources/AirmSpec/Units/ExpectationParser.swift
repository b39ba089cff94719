/// Parses `expect` expressions: `<metric> <op> <value>` (docs/semantics.md "Metrics").
///
/// The parser checks the metric name and the value's unit. Whether a scope names a provider
/// or a stream of a file is checked by the loader, which knows the names.
public enum ExpectationParser {
    /// Every metric name without a scope, in the order the documentation lists them (`Metric.all`).
    public static let metricNames: [String] = Metric.all.map(\.name)

    /// The metric with this unscoped name, e.g. `latency.p99` or `errors.timeout`.
    public static func metric(named name: String) -> Metric? {
        Metric.byName[name]
    }

    // MARK: - Parsing

    /// Parses one expression. The threshold is stored in the metric's canonical unit.
    public static func parse(_ text: String, location: SourceLocation? = nil) -> Result<Expectation, UnitError> {
        let trimmed = text.trimmingSpaces
        guard let (lhs, comparison, rhs) = split(trimmed) else {
            if trimmed.contains("=") {
                return .failure(UnitError("`\(trimmed)` has no comparison", hint: "compare with `==`, `!=`, `<`, `<=`, `>` or `>=`"))
            }
            return .failure(UnitError("`\(trimmed)` is not an expression", hint: "write `<metric> <op> <value>`, e.g. `success_rate >= 99%`"))
        }
        if lhs.isEmpty { return .failure(UnitError("`\(trimmed)` names no metric", hint: "e.g. `success_rate >= 99%`")) }
        if rhs.isEmpty { return .failure(UnitError("`\(trimmed)` has no value to compare with")) }
        let reference: MetricRef
        switch metricRef(lhs) {
        case .success(let found): reference = found
        case .failure(let error): return .failure(error)
        }
        switch threshold(rhs, for: reference) {
        case .success(let value):
            return .success(Expectation(metric: reference, comparison: comparison, threshold: value, text: trimmed, location: location))
        case .failure(let error): return .failure(error)
        }
    }

    /// `success_rate`, `gemini.calls`, `chat.latency.p99`.
    public static func metricRef(_ text: String) -> Result<MetricRef, UnitError> {
        if let found = metric(named: text) { return .success(MetricRef(metric: found)) }
        if let dot = text.firstIndex(of: ".") {
            let scope = String(text[text.startIndex..<dot])
            let rest = String(text[text.index(after: dot)...])
            if let found = metric(named: rest), metric(named: scope) == nil {
                guard Names.isValid(scope) else {
                    return .failure(UnitError("`\(scope)` is not a provider or stream name", hint: "names match [a-z0-9_-]+"))
                }
                return .success(MetricRef(scope: scope, metric: found))
            }
            if metric(named: scope) == nil, scope != "latency", scope != "errors", Names.isValid(scope), !rest.isEmpty {
                return .failure(UnitError("unknown metric `\(rest)`", hint: Suggestions.hint(for: rest, among: metricNames)))
            }
        }
        return .failure(UnitError("unknown metric `\(text)`", hint: Suggestions.hint(for: text, among: metricNames)))
    }

    private static func split(_ text: String) -> (String, Expectation.Comparison, String)? {
        let operators: [(String, Expectation.Comparison)] = [("<=", .lessOrEqual), (">=", .greaterOrEqual), ("==", .equal),
                                                             ("!=", .notEqual), ("<", .less), (">", .greater)]
        for (symbol, comparison) in operators {
            if let range = text.range(of: symbol) {
                let lhs = String(text[text.startIndex..<range.lowerBound]).trimmingSpaces
                let rhs = String(text[range.upperBound...]).trimmingSpaces
                return (lhs, comparison, rhs)
            }
        }
        return nil
    }

    // MARK: - Thresholds

    /// The value in the metric's canonical unit: count, fraction, milliseconds, per second or number.
    static func threshold(_ text: String, for reference: MetricRef) -> Result<Double, UnitError> {
        let name = reference.description
        let written = ValueKind(text)
        switch reference.metric.unit {
        case .count:
            guard written == .number, let value = UnitParser.number(text), value == value.rounded() else {
                return .failure(UnitError("`\(name)` is a count, but `\(text)` is \(written.article)", hint: "compare with a whole number, e.g. `0`"))
            }
            guard value <= UnitParser.maximumCount else {
                return .failure(UnitError("`\(text)` is too large for a count", hint: "the largest count is 1000000000000000"))
            }
            return .success(value)
        case .number:
            guard written == .number, let value = UnitParser.number(text) else {
                return .failure(UnitError("`\(name)` is a number, but `\(text)` is \(written.article)", hint: "compare with a number, e.g. `1.2`"))
            }
            return .success(value)
        case .ratio:
            guard written == .ratio || written == .number else {
                return .failure(UnitError("`\(name)` is a ratio, but `\(text)` is \(written.article)", hint: "compare with a ratio, e.g. `99%`"))
            }
            return UnitParser.ratio(text).map(\.fraction)
        case .duration:
            guard written == .duration || written == .number else {
                return .failure(UnitError("`\(name)` is a duration, but `\(text)` is \(written.article)", hint: "compare with a duration, e.g. `1.5s`"))
            }
            return UnitParser.duration(text).map(\.milliseconds)
        case .rate:
            if written == .number, let value = UnitParser.number(text) { return .success(value) }
            guard written == .rate else {
                return .failure(UnitError("`\(name)` is a rate, but `\(text)` is \(written.article)", hint: "compare with a rate, e.g. `20/s`"))
            }
            return UnitParser.rate(text).map(\.perSecond)
        }
    }

    /// The unit a threshold is written in, judged from its shape.
    private enum ValueKind {
        case number, ratio, duration, rate, other

        init(_ text: String) {
            if text.hasSuffix("%") { self = .ratio }
            else if text.contains("/") { self = .rate }
            else if UnitParser.number(text) != nil { self = .number }
            else if text.last?.isLetter == true, text.first?.isNumber == true || text.first == "." { self = .duration }
            else { self = .other }
        }

        var article: String {
            switch self {
            case .number: "a plain number"
            case .ratio: "a ratio"
            case .duration: "a duration"
            case .rate: "a rate"
            case .other: "not a value"
            }
        }
    }
}
