import AirmSpec

/// Judges one `expect` expression over one window.
struct ExpectationCheck: Sendable {
    var expectation: Expectation
    var window: EvaluationWindow

    func judge(with recorder: MetricsRecorder) -> Judgement {
        let unit = expectation.metric.metric.unit
        let threshold = Figures.threshold(expectation.threshold, unit: unit)
        let expected = "\(expectation.comparison.rawValue) \(threshold)"
        let metric = expectation.metric.description
        guard let frame = recorder.frame(for: window.span) else {
            return Judgement(passed: false, expected: expected, observed: "not evaluated",
                             message: "\(metric): the window\(window.suffix) was not recorded")
        }
        switch MetricReading(recorder: recorder).read(expectation.metric, frame: frame, window: window) {
        case .failure(let reason):
            return Judgement(passed: false, expected: expected, observed: "none",
                             message: "\(metric): \(reason.text)\(window.suffix)")
        case .success(let reading):
            let passed = expectation.comparison.holds(reading.value, expectation.threshold)
            let observed = Figures.value(reading.value, unit: unit, against: expectation.threshold)
            let op = passed ? expectation.comparison : Self.negation(of: expectation.comparison)
            return Judgement(passed: passed, expected: expected, observed: observed,
                             message: "\(metric) \(observed) \(op.rawValue) \(threshold) over \(reading.basis)\(window.suffix)")
        }
    }

    /// The comparison that holds when `comparison` does not.
    static func negation(of comparison: Expectation.Comparison) -> Expectation.Comparison {
        switch comparison {
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        case .equal: .notEqual
        case .notEqual: .equal
        }
    }
}
