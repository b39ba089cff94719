import AirmEngine
import AirmSpec
import Testing

/// The plan is pinned as exact tables before anything runs: windows, streams, policies.
@Suite struct PlanTests {
    static let source = """
    version: 1
    name: plan-table
    seed: 7
    duration: 10m
    providers:
      gemini: { type: gemini }
      cohere: { type: cohere }
    policy:
      route: [gemini, cohere]
      timeout: 5s
      retry: { max_attempts: 3, backoff: { initial: 100ms, max: 2s } }
      breaker: { consecutive_failures: 4, open_for: 20s }
      overrides:
        cohere: { timeout: 8s, breaker: { open_for: 10s } }
    traffic:
      - { name: steady, rate: 10/s }
      - { name: spike, burst: { count: 500, at: outage.start + 10s, over: 5s } }
      - { name: late, rate: 2/s, start: 8m }
    faults:
      - { name: outage, target: gemini, type: unavailable, at: 1m, for: 2m }
      - { name: slow, target: "*", type: latency, delay: 1s, at: outage.end, for: 30s }
      - { name: flaps, target: cohere, type: intermittent, up: 10s, down: 5s, at: slow.end + 1m, until: 9m }
    steady_state: { settle: 30s, expect: [ "success_rate >= 99%" ] }
    assertions:
      - breaker: gemini
        opens: { after: outage.start, within: 5s }
      - expect: success_rate >= 90%
        during: outage
      - expect: gemini.calls == 0
        window: { from: outage.start + 5s, to: outage.end }
    """

    static func plan(choices: Plan.Choices = .init()) throws -> Plan {
        let loaded = ExperimentLoader.load(source: source, file: "plan.yaml", environment: [:])
        return Plan(try #require(loaded.experiment, "\(loaded.diagnostics)"), choices: choices)
    }

    static func s(_ span: TimeSpan?) -> Double? { span.map { $0.seconds } }

    @Test func faultWindowsAreAbsolute() throws {
        let table = try Self.plan().faults.map { [$0.name, $0.type, "\(Self.s($0.span?.start) ?? -1)", "\(Self.s($0.span?.end) ?? -1)"] }
        #expect(table == [
            ["outage", "unavailable", "60.0", "180.0"],
            ["slow", "latency", "180.0", "210.0"],
            ["flaps", "intermittent", "270.0", "540.0"],
        ])
    }

    @Test func streamsHaveBoundsAndExpectedCounts() throws {
        let table = try Self.plan().streams.map { [$0.name, "\($0.start.seconds)", "\($0.end.seconds)", "\($0.estimate.requests)", "\($0.estimate.exact)"] }
        #expect(table == [
            ["steady", "0.0", "600.0", "6000.0", "true"],
            ["spike", "0.0", "600.0", "500.0", "true"],
            ["late", "480.0", "600.0", "240.0", "true"],
        ])
        #expect(try Self.plan().expectedRequests.count == 6740)
    }

    @Test func providersCarryTheirResolvedPolicy() throws {
        let table = try Self.plan().providers.map {
            [$0.name, "\($0.policy.timeout.seconds)", "\($0.policy.retry.maxAttempts)",
             "\($0.policy.breaker.consecutiveFailures)", "\($0.policy.breaker.openFor.seconds)"]
        }
        #expect(table == [
            ["gemini", "5.0", "3", "4", "20.0"],
            ["cohere", "8.0", "3", "4", "10.0"],
        ])
        #expect(try Self.plan().router.legs.map(\.provider) == [0, 1])
    }

    @Test func assertionAndSteadyWindowsAreResolved() throws {
        let plan = try Self.plan()
        #expect(plan.assertionWindows.map { [Self.s($0?.start), Self.s($0?.end)] } == [
            [0, 600], [60, 180], [65, 180],
        ])
        let steady = try #require(plan.steadyWindows)
        #expect([steady.before.start.seconds, steady.before.end.seconds, steady.after.start.seconds, steady.after.end.seconds]
                    == [0, 60, 570, 600])
    }

    @Test func metricBucketsFollowTheDuration() throws {
        let plan = try Self.plan()
        #expect(plan.bucket == .seconds(1))
        #expect(plan.buckets == 600)
    }

    @Test func choicesOverrideTheFileWithoutChangingIt() throws {
        let plan = try Self.plan(choices: .init(seed: 99, mode: .live, shard: .init(index: 2, count: 3)))
        #expect(plan.seed == 99 && plan.mode == .live)
        #expect(plan.experiment.seed == 7 && plan.experiment.mode == .simulated)
        let document = plan.document
        #expect(document.seed == 99 && document.mode == "live" && document.shard == "2/3")
        let file = try Self.plan()
        #expect(file.seed == 7 && file.mode == .simulated && file.document.shard == nil)
    }
}
