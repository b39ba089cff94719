import Testing
@testable import AirmSpec

@Suite struct ExpectationParserTests {
    @Test(arguments: [
        ("success_rate >= 99%", nil, "success_rate", AirmSpec.Expectation.Comparison.greaterOrEqual, 0.99),
        ("latency.p95 < 1.5s", nil, "latency.p95", .less, 1500),
        ("latency.p99<250ms", nil, "latency.p99", .less, 250),
        ("gemini.calls == 0", "gemini", "calls", .equal, 0),
        ("gemini.errors.timeout != 3", "gemini", "errors.timeout", .notEqual, 3),
        ("chat.success_rate > 0.9", "chat", "success_rate", .greater, 0.9),
        ("gemini.latency.p999 <= 2s", "gemini", "latency.p999", .lessOrEqual, 2000),
        ("throughput >= 20/s", nil, "throughput", .greaterOrEqual, 20),
        ("throughput >= 600/m", nil, "throughput", .greaterOrEqual, 10),
        ("attempts_per_request < 1.5", nil, "attempts_per_request", .less, 1.5),
        ("requests > 100", nil, "requests", .greater, 100),
        ("latency.mean < 1m", nil, "latency.mean", .less, 60_000),
        ("error_rate <= 0.5%", nil, "error_rate", .lessOrEqual, 0.005),
    ] as [(String, String?, String, AirmSpec.Expectation.Comparison, Double)])
    func good(text: String, scope: String?, metric: String, comparison: AirmSpec.Expectation.Comparison, threshold: Double) throws {
        let expectation = try ExpectationParser.parse(text).get()
        #expect(expectation.metric.scope == scope)
        #expect(expectation.metric.metric.name == metric)
        #expect(expectation.comparison == comparison)
        #expect(abs(expectation.threshold - threshold) < 1e-9)
        #expect(expectation.text == text)
    }

    @Test(arguments: [
        ("latency.p95 < 99%", "is a duration"),
        ("success_rate >= 2s", "is a ratio"),
        ("gemini.calls == 1.5", "is a count"),
        ("gemini.calls == 10%", "is a count"),
        ("latency.p95 < 1500", "add a unit"),
        ("sucess_rate > 99%", "unknown metric"),
        ("gemini.latency.p98 < 1s", "unknown metric"),
        ("success_rate = 99%", "no comparison"),
        ("success_rate", "not an expression"),
        ("> 5", "names no metric"),
        ("ok >", "no value"),
        ("success_rate >= 150%", "above 100%"),
        ("throughput > 5%", "is a rate"),
        ("attempts_per_request < 2s", "is a number"),
        ("Gemini.calls > 0", "not a provider or stream name"),
    ])
    func bad(text: String, message: String) {
        guard case .failure(let error) = ExpectationParser.parse(text) else {
            Issue.record("`\(text)` parsed")
            return
        }
        #expect(error.message.contains(message) || (error.hint ?? "").contains(message), "\(error)")
    }

    @Test func unknownMetricSuggestsTheNearestName() {
        guard case .failure(let error) = ExpectationParser.parse("latency.p59 < 1s") else {
            Issue.record("parsed")
            return
        }
        #expect(error.hint?.contains("did you mean") == true)
    }
}
