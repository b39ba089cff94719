import AirmSpec
import Testing
@testable import AirmEngine

@Suite("expect assertions and steady state")
struct AssertionExpectTests {
    /// 20 requests: chat 6 ok, 2 fallback, 1 degraded, 1 failed; batch 8 ok, 2 dropped.
    /// Gemini: 10 successes, 3 unavailable, 2 timeouts, 4 rejections; cohere: nothing.
    static func feed(_ r: inout MetricsRecorder) {
        var t = 1.0
        func next() -> Double { t += 1; return t }
        for _ in 0..<6 { r.record(MetricsFixtures.request(MetricsFixtures.chat, at: next(), latency: 0.1, .ok, attempts: 1)) }
        for _ in 0..<2 { r.record(MetricsFixtures.request(MetricsFixtures.chat, at: next(), latency: 0.3, .fallback, attempts: 2)) }
        r.record(MetricsFixtures.request(MetricsFixtures.chat, at: next(), latency: 0.5, .degraded, attempts: 2))
        r.record(MetricsFixtures.request(MetricsFixtures.chat, at: next(), latency: 1, .failed, attempts: 3))
        for _ in 0..<8 { r.record(MetricsFixtures.request(MetricsFixtures.batch, at: next(), latency: 0.2, .ok, attempts: 1)) }
        for _ in 0..<2 { r.record(MetricsFixtures.request(MetricsFixtures.batch, at: next(), .dropped)) }
        for _ in 0..<10 { r.record(MetricsFixtures.attempt(MetricsFixtures.gemini, at: next(), latency: 0.4)) }
        for _ in 0..<3 { r.record(MetricsFixtures.attempt(MetricsFixtures.gemini, at: next(), latency: 0, .failure(.unavailable))) }
        for _ in 0..<2 { r.record(MetricsFixtures.attempt(MetricsFixtures.gemini, at: next(), latency: 5, .failure(.timeout))) }
        for _ in 0..<4 { r.recordRejection(provider: MetricsFixtures.gemini, at: .seconds(next())) }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var expectation: AirmSpec.Expectation
        var passed: Bool
        var observed: String
        var testDescription: String { expectation.text }
    }

    static let cases: [Case] = [
        Case(expectation: MetricsFixtures.expect("requests == 20", .requests, .equal, 20), passed: true, observed: "20"),
        Case(expectation: MetricsFixtures.expect("ok >= 15", .ok, .greaterOrEqual, 15), passed: false, observed: "14"),
        Case(expectation: MetricsFixtures.expect("fallback == 2", .fallback, .equal, 2), passed: true, observed: "2"),
        Case(expectation: MetricsFixtures.expect("degraded <= 1", .degraded, .lessOrEqual, 1), passed: true, observed: "1"),
        Case(expectation: MetricsFixtures.expect("failed == 0", .failed, .equal, 0), passed: false, observed: "1"),
        Case(expectation: MetricsFixtures.expect("dropped < 3", .dropped, .less, 3), passed: true, observed: "2"),
        Case(expectation: MetricsFixtures.expect("success_rate >= 80%", .successRate, .greaterOrEqual, 0.8), passed: true, observed: "80%"),
        Case(expectation: MetricsFixtures.expect("availability > 85%", .availability, .greater, 0.85), passed: false, observed: "85%"),
        Case(expectation: MetricsFixtures.expect("error_rate <= 5%", .errorRate, .lessOrEqual, 0.05), passed: true, observed: "5%"),
        Case(expectation: MetricsFixtures.expect("fallback_rate < 5%", .fallbackRate, .less, 0.05), passed: false, observed: "10%"),
        Case(expectation: MetricsFixtures.expect("throughput >= 0.1/s", .throughput, .greaterOrEqual, 0.1), passed: true, observed: "0.1/s"),
        Case(expectation: MetricsFixtures.expect("attempts_per_request < 1.2", .attemptsPerRequest, .less, 1.2), passed: false, observed: "1.28"),
        Case(expectation: MetricsFixtures.expect("latency.max <= 1s", .latency(.max), .lessOrEqual, 1000), passed: true, observed: "1s"),
        Case(expectation: MetricsFixtures.expect("latency.p50 < 250ms", .latency(.p50), .less, 250), passed: true, observed: "200ms"),
        Case(expectation: MetricsFixtures.expect("latency.p50 < 200ms", .latency(.p50), .less, 200), passed: false, observed: "200.1ms"),
        Case(expectation: MetricsFixtures.expect("chat.success_rate >= 90%", .successRate, .greaterOrEqual, 0.9, scope: "chat"),
             passed: false, observed: "80%"),
        Case(expectation: MetricsFixtures.expect("batch.dropped == 2", .dropped, .equal, 2, scope: "batch"), passed: true, observed: "2"),
        Case(expectation: MetricsFixtures.expect("gemini.calls == 15", .calls, .equal, 15, scope: "gemini"), passed: true, observed: "15"),
        Case(expectation: MetricsFixtures.expect("gemini.rejected == 0", .rejected, .equal, 0, scope: "gemini"), passed: false, observed: "4"),
        Case(expectation: MetricsFixtures.expect("gemini.successes > 9", .successes, .greater, 9, scope: "gemini"), passed: true, observed: "10"),
        Case(expectation: MetricsFixtures.expect("gemini.errors.timeout <= 1", .errors(.timeout), .lessOrEqual, 1, scope: "gemini"),
             passed: false, observed: "2"),
        Case(expectation: MetricsFixtures.expect("gemini.success_rate >= 60%", .successRate, .greaterOrEqual, 0.6, scope: "gemini"),
             passed: true, observed: "66.7%"),
        Case(expectation: MetricsFixtures.expect("gemini.latency.p99 < 5s", .latency(.p99), .less, 5000, scope: "gemini"),
             passed: false, observed: "5s"),
        Case(expectation: MetricsFixtures.expect("cohere.calls == 0", .calls, .equal, 0, scope: "cohere"), passed: true, observed: "0"),
        Case(expectation: MetricsFixtures.expect("cohere.success_rate >= 99%", .successRate, .greaterOrEqual, 0.99, scope: "cohere"),
             passed: false, observed: "none"),
    ]

    @Test("every metric kind reads the recorded aggregates", arguments: cases)
    func metric(_ c: Case) {
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: .expect(c.expectation))])
        let recorder = MetricsFixtures.recorder(experiment, Self.feed)
        let result = MetricsFixtures.evaluate(experiment, recorder)[0]
        #expect(result.passed == c.passed, "\(result.message)")
        #expect(result.observed == c.observed, "\(result.message)")
        #expect(result.kind == "expect")
        #expect(result.name == c.expectation.text)
    }

    @Test("the message states the figure, the comparison that held and the window")
    func message() {
        let expectation = MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: .expect(expectation), window: .during("gemini-outage"))])
        let recorder = MetricsFixtures.recorder(experiment) { r in
            for i in 0..<1800 {
                r.record(MetricsFixtures.request(at: 30 + Double(i) / 60, i < 1751 ? .ok : .failed))
            }
        }
        let result = MetricsFixtures.evaluate(experiment, recorder)[0]
        #expect(!result.passed)
        #expect(result.name == "success_rate >= 99% during gemini-outage")
        #expect(result.expected == ">= 99%")
        #expect(result.observed == "97.3%")
        #expect(result.message == "success_rate 97.3% < 99% over 1800 requests during gemini-outage")
    }

    @Test("a rate over an empty window fails with no requests in window; a count does not")
    func emptyWindow() {
        let window = Window.range(from: .at(.seconds(170)), to: .at(.seconds(175)))
        let rate = Assertion(check: .expect(MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)), window: window)
        let latency = Assertion(check: .expect(MetricsFixtures.expect("latency.p99 < 1s", .latency(.p99), .less, 1000)), window: window)
        let count = Assertion(check: .expect(MetricsFixtures.expect("requests == 0", .requests, .equal, 0)), window: window)
        let calls = Assertion(check: .expect(MetricsFixtures.expect("gemini.calls == 0", .calls, .equal, 0, scope: "gemini")), window: window)
        let providerRate = Assertion(check: .expect(MetricsFixtures.expect("gemini.success_rate >= 99%", .successRate, .greaterOrEqual, 0.99,
                                                                          scope: "gemini")), window: window)
        let experiment = MetricsFixtures.experiment(assertions: [rate, latency, count, calls, providerRate])
        let results = MetricsFixtures.evaluate(experiment, MetricsFixtures.recorder(experiment, Self.feed))
        #expect(!results[0].passed)
        #expect(results[0].message == "success_rate: no requests in window from 2m50s to 2m55s")
        #expect(!results[1].passed)
        #expect(results[1].message == "latency.p99: no requests in window from 2m50s to 2m55s")
        #expect(results[2].passed)
        #expect(results[2].message == "requests 0 == 0 over 0 requests from 2m50s to 2m55s")
        #expect(results[3].passed)
        #expect(!results[4].passed)
        #expect(results[4].message == "gemini.success_rate: no requests in window (no calls) from 2m50s to 2m55s")
    }

    @Test("metrics that do not fit their scope fail with a reason")
    func wrongScope() {
        let checks = [
            MetricsFixtures.expect("calls == 0", .calls, .equal, 0),
            MetricsFixtures.expect("chat.calls == 0", .calls, .equal, 0, scope: "chat"),
            MetricsFixtures.expect("gemini.requests == 0", .requests, .equal, 0, scope: "gemini"),
            MetricsFixtures.expect("nobody.requests == 0", .requests, .equal, 0, scope: "nobody"),
        ]
        let experiment = MetricsFixtures.experiment(assertions: checks.map { Assertion(check: .expect($0)) })
        let results = MetricsFixtures.evaluate(experiment, MetricsFixtures.recorder(experiment, Self.feed))
        #expect(results.allSatisfy { !$0.passed })
        #expect(results.map(\.message) == [
            "calls: calls needs a provider, e.g. <provider>.calls",
            "chat.calls: calls is a provider metric and chat is a traffic stream",
            "gemini.requests: requests is not measured per provider (gemini)",
            "nobody.requests: nobody is neither a provider nor a traffic stream",
        ])
    }

    // MARK: - steady_state

    @Test("steady state is checked before the first fault and after recovery, in lifecycle order")
    func steadyState() {
        let steady = SteadyState(settle: .seconds(30), expect: [MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)])
        let assertion = Assertion(check: .breaker(provider: "gemini", .never(.open)))
        let experiment = MetricsFixtures.experiment(assertions: [assertion], steady: steady)
        let recorder = MetricsFixtures.recorder(experiment) { r in
            for t in 0..<30 { r.record(MetricsFixtures.request(at: Double(t), .ok)) }
            for t in 30..<90 { r.record(MetricsFixtures.request(at: Double(t), .failed)) }
            for t in 90..<180 { r.record(MetricsFixtures.request(at: Double(t), t == 100 ? .failed : .ok)) }
        }
        let results = MetricsFixtures.evaluate(experiment, recorder)
        #expect(results.map(\.name) == ["steady state before faults: success_rate >= 99%", "gemini never opens",
                                        "steady state after recovery: success_rate >= 99%"])
        #expect(results.map(\.kind) == ["steady_state", "never", "steady_state"])
        #expect(results[0].passed)
        #expect(results[0].message == "success_rate 100% >= 99% over 30 requests before faults (from 0s to 30s)")
        #expect(!results[2].passed)
        #expect(results[2].message == "success_rate 98.9% < 99% over 90 requests after recovery (from 1m30s to 3m)")
    }

    @Test("without faults, steady state before covers the whole run")
    func steadyWithoutFaults() {
        let steady = SteadyState(settle: .seconds(10), expect: [MetricsFixtures.expect("requests >= 1", .requests, .greaterOrEqual, 1)])
        let experiment = MetricsFixtures.experiment(steady: steady, faults: [])
        let recorder = MetricsFixtures.recorder(experiment) { r in r.record(MetricsFixtures.request(at: 5)) }
        let results = MetricsFixtures.evaluate(experiment, recorder)
        #expect(results[0].passed)
        #expect(!results[1].passed)
        #expect(results[1].message == "requests 0 < 1 over 0 requests after recovery (from 10s to 3m)")
    }

    // MARK: - Names

    @Test("default names come from the check and the window; repeats get a number")
    func names() {
        let expectation = MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)
        let assertions = [
            Assertion(check: .expect(expectation)),
            Assertion(check: .expect(expectation)),
            Assertion(check: .expect(expectation), window: .during("gemini-outage")),
            Assertion(name: "no calls reach gemini while its breaker is open", check: .breaker(provider: "gemini", .never(.open))),
            Assertion(check: .breaker(provider: "cohere", .never(.open)), window: .before("gemini-outage")),
            Assertion(check: .expect(expectation)),
        ]
        let experiment = MetricsFixtures.experiment(assertions: assertions)
        let names = MetricsFixtures.evaluate(experiment, MetricsFixtures.recorder(experiment, Self.feed)).map(\.name)
        #expect(names == [
            "success_rate >= 99%",
            "success_rate >= 99% (2)",
            "success_rate >= 99% during gemini-outage",
            "no calls reach gemini while its breaker is open",
            "cohere never opens before gemini-outage",
            "success_rate >= 99% (3)",
        ])
    }

    @Test("observed figures get the decimals it takes not to look equal to the threshold")
    func figures() {
        #expect(Figures.value(0.99549, unit: .ratio, against: 0.995) == "99.55%")
        #expect(Figures.value(0.99949, unit: .ratio, against: 0.995) == "99.9%")
        #expect(Figures.value(0.999, unit: .ratio, against: 1) == "99.9%")
        #expect(Figures.value(0.9999, unit: .ratio, against: 1) == "99.99%")
        #expect(Figures.value(1499.2, unit: .duration, against: 1500) == "1.499s")
        #expect(Figures.value(812.4, unit: .duration) == "812ms")
        #expect(Figures.value(1200, unit: .count) == "1200")
        #expect(Figures.value(19.75, unit: .rate) == "19.8/s")
        #expect(Figures.threshold(0.005, unit: .ratio) == "0.5%")
        #expect(Figures.decimal(-0.25, places: 1) == "-0.3")
        #expect(Figures.decimal(0.00001, places: 3) == "0")
    }
}
