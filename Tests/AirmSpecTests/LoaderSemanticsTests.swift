import AirmEngine
import Foundation
import Testing
@testable import AirmSpec

/// What a valid file turns into: defaults, merges and the model values of each section.
@Suite struct LoaderSemanticsTests {
    private func load(_ text: String) throws -> Experiment {
        let result = Support.load(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        return try #require(result.experiment)
    }

    @Test func defaultsFollowTheDesign() throws {
        let experiment = try load(Support.minimal)
        #expect(experiment.version == 1)
        #expect(experiment.seed == 1)
        #expect(experiment.mode == .simulated)
        #expect(experiment.policy.route == ["gemini", "cohere"])
        #expect(experiment.policy.defaults == ProviderPolicy())
        #expect(experiment.policy.defaults.timeout == .seconds(10))
        #expect(experiment.policy.defaults.retry.maxAttempts == 1)
        #expect(experiment.policy.defaults.breaker.consecutiveFailures == 5)
        #expect(experiment.policy.defaults.breaker.openFor == .seconds(30))
        #expect(experiment.policy.defaults.breaker.failureRate == nil)
        #expect(experiment.policy.overrides.isEmpty)
        #expect(experiment.providers.map(\.model) == ["gemini-2.0-flash", "command-r"])
        #expect(experiment.reports == ReportSettings())
        #expect(experiment.budget.maxCalls == 1000)
        #expect(experiment.faults[0].end == .for(.seconds(20)))
        #expect(experiment.faults[0].probability == .one)
        #expect(experiment.file == "test.yaml")
    }

    @Test func overridesArePartialAndMergeOverTheDefaults() throws {
        let experiment = try load(Support.minimal + """

        policy:
          timeout: 5s
          retry: { max_attempts: 3, backoff: { initial: 1s } }
          breaker: { consecutive_failures: 4, open_for: 20s, half_open: { probes: 3 } }
          overrides:
            cohere: { timeout: 10s, breaker: { open_for: 10s }, retry: { backoff: { jitter: full } } }
        """)
        let defaults = experiment.policy.defaults
        let cohere = experiment.policy.settings(for: "cohere")
        #expect(defaults.timeout == .seconds(5))
        #expect(cohere.timeout == .seconds(10))
        #expect(cohere.breaker.openFor == .seconds(10))
        #expect(cohere.breaker.consecutiveFailures == 4)
        #expect(cohere.breaker.halfOpen == BreakerPolicy.HalfOpen(probes: 3, closeAfter: 2))
        #expect(cohere.retry.maxAttempts == 3)
        #expect(cohere.retry.backoff == RetryPolicy.Backoff(initial: .seconds(1), multiplier: 2, max: .seconds(10), jitter: .full))
        #expect(experiment.policy.settings(for: "gemini") == defaults)
    }

    @Test func halfOpenWithOnlyProbesClosesAfterThatMany() throws {
        let experiment = try load(Support.minimal + """

        policy:
          breaker: { half_open: { probes: 1 } }
          overrides:
            cohere: { breaker: { half_open: { probes: 3 } } }
        """)
        #expect(experiment.policy.defaults.breaker.halfOpen == BreakerPolicy.HalfOpen(probes: 1, closeAfter: 1))
        #expect(experiment.policy.settings(for: "cohere").breaker.halfOpen == BreakerPolicy.HalfOpen(probes: 3, closeAfter: 1))
        let written = Support.load(Support.minimal + """

        policy:
          breaker: { half_open: { probes: 1, close_after: 2 } }
        """)
        #expect(Support.errors(written).map(\.message).contains { $0.contains("`close_after` (2) is more than `probes` (1)") })
    }

    @Test func promptsMayBeGivenBesideRequest() throws {
        let experiment = try load("""
        name: prompts
        duration: 1m
        providers: { gemini: {} }
        traffic:
          - rate: 1/s
            prompts: [ "a", "b" ]
            request: { max_tokens: 64 }
          - rate: 1/s
            request: { prompts: [ "c" ] }
        """)
        #expect(experiment.traffic[0].request == TrafficStream.Request(prompts: ["a", "b"], maxTokens: 64))
        #expect(experiment.traffic[1].request.prompts == ["c"])
        let twice = Support.load("""
        name: prompts
        duration: 1m
        providers: { gemini: {} }
        traffic:
          - rate: 1/s
            prompts: [ "a" ]
            request: { prompt: "b" }
        """)
        #expect(Support.errors(twice).map(\.message) == ["the stream gives prompts twice: in `request` and in `prompts`"])
    }

    @Test func trafficShapesAndDefaults() throws {
        let experiment = try load("""
        name: shapes
        duration: 3m
        providers: { gemini: {} }
        traffic:
          - rate: 20/s
            arrivals: poisson
          - stages: [ { from: 5/s, to: 50/s, over: 1m }, { to: 50/s, over: 1m }, { to: 0/s, over: 30s } ]
          - name: spike
            burst: { count: 200, at: 90s }
          - users: 10
            think: { exponential: 2s }
            request: { prompts: [a, b], max_tokens: 64, stream: true }
        """)
        #expect(experiment.providers[0].kind == .gemini)
        #expect(experiment.traffic.map(\.name) == ["stream-1", "stream-2", "spike", "stream-4"])
        #expect(experiment.traffic[0].shape == .rate(Rate(perSecond: 20), .poisson))
        #expect(experiment.traffic[1].shape == .stages([
            .init(from: Rate(perSecond: 5), to: Rate(perSecond: 50), over: .seconds(60)),
            .init(from: Rate(perSecond: 50), to: Rate(perSecond: 50), over: .seconds(60)),
            .init(from: Rate(perSecond: 50), to: Rate(perSecond: 0), over: .seconds(30)),
        ]))
        #expect(experiment.traffic[2].shape.bare == .burst(count: 200, at: TimeReference(anchor: .runStart, offset: .seconds(90)), over: .seconds(1)))
        #expect(experiment.traffic[3].shape == .users(10, think: .exponential(mean: .seconds(2))))
        #expect(experiment.traffic[3].request == TrafficStream.Request(prompts: ["a", "b"], maxTokens: 64, stream: true))
        #expect(experiment.traffic[0].maxInFlight == 10_000)
    }

    @Test func firstStageStartsFromZero() throws {
        let experiment = try load("name: s\nduration: 1m\nproviders: { gemini: {} }\ntraffic: [ { stages: [ { to: 10/s, over: 10s } ] } ]\n")
        #expect(experiment.traffic[0].shape == .stages([.init(from: Rate(perSecond: 0), to: Rate(perSecond: 10), over: .seconds(10))]))
    }

    @Test func faultKindsAndParameters() throws {
        let experiment = try load("""
        name: faults
        duration: 5m
        providers: { gemini: {}, cohere: {} }
        traffic: [ { rate: 1/s } ]
        faults:
          - { name: slow, target: gemini, type: latency, delay: 2s, jitter: 500ms, at: 10s, for: 20s }
          - { name: err, target: [gemini, cohere], type: error, at: slow.end + 5s, until: end - 1m }
          - { name: flap, target: "*", type: intermittent, up: 10s, down: 5s, as: timeout }
          - { name: quota, target: gemini, type: rate_limit, limit: 10/m, delay: 100ms }
          - { name: ra, target: gemini, type: rate_limit }
          - { name: bad, target: gemini, type: corrupt }
          - { name: cut, target: gemini, type: stream_cut, after_tokens: 20 }
          - { name: gap, target: gemini, type: stall, after: 1s, pause: 5s, until: 2m }
          - { name: down, target: gemini, type: unavailable, probability: 50% }
        """)
        let expected: [any FaultType] = [
            LatencyFault(delay: .seconds(2), jitter: .milliseconds(500)),
            ErrorFault(status: 500),
            IntermittentFault(up: .seconds(10), down: .seconds(5), failure: .timeout),
            RateLimitFault(retryAfter: .seconds(1), limit: Rate(count: 10, per: .seconds(60))),
            RateLimitFault(retryAfter: .seconds(1), limit: nil),
            CorruptFault(how: .malformed),
            StreamCutFault(.afterTokens(20)),
            StallFault(after: .seconds(1), pause: .seconds(5)),
            UnavailableFault(),
        ]
        #expect(experiment.faults.map { String(describing: $0.kind) } == expected.map { String(describing: $0) })
        #expect(experiment.faults[1].target == .providers(["gemini", "cohere"]))
        #expect(experiment.faults[1].at.bare.anchor == .faultEnd("slow"))
        #expect(experiment.faults[1].end.bare == .until(TimeReference(anchor: .runEnd, offset: .seconds(-60))))
        #expect(experiment.faults[2].target == .all)
        #expect(experiment.faults[3].delay == .milliseconds(100))
        #expect(experiment.faults[7].end.bare == .until(TimeReference(anchor: .runStart, offset: .seconds(120))))
        #expect(experiment.faults[8].probability == Ratio(fraction: 0.5))
        let timeline = Timeline(experiment)
        #expect(timeline.faults["err"] == Timeline.Span(start: .seconds(35), end: .seconds(240)))
    }

    @Test func assertionsAndWindows() throws {
        let experiment = try load(Support.minimal + """

        steady_state: { settle: 10s, expect: [ "success_rate >= 99%" ] }
        assertions:
          - { breaker: gemini, opens: { after: outage.start, within: 5s } }
          - { breaker: gemini, half_opens: true }
          - { breaker: gemini, closes: { after: outage.end } }
          - { breaker: cohere, never: open }
          - { breaker: gemini, sequence: [closed, open, half_open, closed], after: outage }
          - { breaker: gemini, max_opens: 2, before: outage }
          - { breaker: gemini, max_time_open: 30s, during: outage }
          - { breaker: gemini, ends: closed, window: { from: 20s } }
          - { name: served, expect: "chat.success_rate >= 99%", during: outage }
        """)
        let checks = experiment.assertions.map(\.check.bare)
        #expect(checks[0] == .breaker(provider: "gemini", .transition(to: .open, after: TimeReference(anchor: .faultStart("outage")), within: .seconds(5))))
        #expect(checks[1] == .breaker(provider: "gemini", .transition(to: .halfOpen, after: nil, within: nil)))
        #expect(checks[2] == .breaker(provider: "gemini", .transition(to: .closed, after: TimeReference(anchor: .faultEnd("outage")), within: nil)))
        #expect(checks[3] == .breaker(provider: "cohere", .never(.open)))
        #expect(checks[4] == .breaker(provider: "gemini", .sequence([.closed, .open, .halfOpen, .closed])))
        #expect(checks[5] == .breaker(provider: "gemini", .maxOpens(2)))
        #expect(checks[6] == .breaker(provider: "gemini", .maxTimeOpen(.seconds(30))))
        #expect(checks[7] == .breaker(provider: "gemini", .ends(.closed)))
        #expect(experiment.assertions.map(\.window.bare) == [
            .run, .run, .run, .run, .after("outage"), .before("outage"), .during("outage"),
            .range(from: .at(.seconds(20)), to: TimeReference(anchor: .runEnd)), .during("outage"),
        ])
        #expect(experiment.assertions[8].name == "served")
        guard case .expect(let expectation) = checks[8] else {
            Issue.record("not an expectation")
            return
        }
        #expect(expectation.metric == MetricRef(scope: "chat", metric: .successRate))
        #expect(expectation.threshold == 0.99)
        #expect(experiment.steadyState?.settle == .seconds(10))
        #expect(experiment.steadyState?.expect.count == 1)
    }

    @Test func locationsPointAtTheDefinitions() throws {
        let experiment = try load(Support.minimal)
        #expect(experiment.providers[1].location == SourceLocation(file: "test.yaml", line: 6, column: 3))
        #expect(experiment.traffic[0].location.line == 9)
        #expect(experiment.faults[0].location.line == 12)
    }

    @Test func unreadableFileIsADiagnostic() {
        let result = ExperimentLoader.load(contentsOf: "/nonexistent/airm/experiment.yaml", environment: [:])
        #expect(result.hasErrors)
        #expect(result.diagnostics.first?.location?.file == "/nonexistent/airm/experiment.yaml")
    }

    @Test func fileIsShownAsGiven() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("airm-shown-\(UUID().uuidString).yaml").path
        try Support.minimal.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = ExperimentLoader.load(contentsOf: path, shownAs: "experiments/minimal.yaml", environment: [:], faultTypes: FaultTypes.all)
        #expect(result.experiment?.file == "experiments/minimal.yaml")
        #expect(result.experiment?.providers[0].location.file == "experiments/minimal.yaml")
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("airm-latin1-\(UUID().uuidString).yaml").path
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0xFF]).write(to: URL(fileURLWithPath: broken))
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let latin = ExperimentLoader.load(contentsOf: broken, shownAs: "x.yaml", environment: [:], faultTypes: FaultTypes.all)
        #expect(latin.diagnostics.first?.message == "file is not UTF-8 text")
        #expect(latin.diagnostics.first?.location?.file == "x.yaml")
    }
}
