import AirmSpec
import Testing
@testable import AirmEngine

/// Runs that stop early: what is judged, what is "not evaluated", and `abort_on_fail`
/// (docs/semantics.md "Runs that stop early").
@Suite("Runs that stop early")
struct StoppedRunTests {
    /// Judges one assertion of the outage story (open 32s, half-open 62s, closed 63.5s) for a run stopped at `stop` seconds.
    func judge(_ check: Assertion.Check, window: Window = .run, stoppedAt stop: Double,
               transitions: [TransitionRecord] = MetricsFixtures.outageTransitions) -> RunResult.AssertionResult {
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: check, window: window)])
        let recorder = MetricsFixtures.recorder(experiment, transitions: transitions.filter { $0.at.seconds <= stop }) { r in
            for second in 0..<Int(stop) { r.record(MetricsFixtures.request(at: Double(second))) }
        }
        return AssertionEvaluator(plan: Plan(experiment), recorder: recorder, endedAt: .seconds(stop),
                                  finalStates: [.closed, .closed], horizon: .stopped(at: .seconds(stop))).evaluate()[0]
    }

    static let successRate = Assertion.Check.expect(MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99))

    @Test("a whole-run expect of a stopped run is not evaluated")
    func wholeRunExpect() {
        let result = judge(Self.successRate, stoppedAt: 40)
        #expect(result.notEvaluated == true)
        #expect(!result.passed)
        #expect(result.observed == "not evaluated")
        #expect(result.message == "not evaluated: the run stopped at 40s, before this assertion's window ended")
    }

    @Test("an expect over a window that ended before the stop is judged")
    func endedWindowExpect() {
        let result = judge(Self.successRate, window: .before("gemini-outage"), stoppedAt: 40)
        #expect(result.notEvaluated == nil)
        #expect(result.passed)
    }

    @Test("a broken never stands; an unbroken one is not evaluated")
    func never() {
        let broken = judge(.breaker(provider: "gemini", .never(.open)), stoppedAt: 40)
        #expect(!broken.passed)
        #expect(broken.notEvaluated == nil)
        let unbroken = judge(.breaker(provider: "gemini", .never(.open)), stoppedAt: 20)
        #expect(unbroken.notEvaluated == true)
    }

    @Test("opens within: a transition in time stands; a missed deadline stands; an open deadline is not evaluated")
    func opensWithin() {
        let check = Assertion.Check.breaker(provider: "gemini", .transition(to: .open, after: MetricsFixtures.start("gemini-outage"),
                                                                            within: .seconds(5)))
        let opened = judge(check, stoppedAt: 40)
        #expect(opened.passed && opened.notEvaluated == nil)
        let missed = judge(check, stoppedAt: 40, transitions: [])
        #expect(!missed.passed && missed.notEvaluated == nil)
        let pending = judge(check, stoppedAt: 33, transitions: [])
        #expect(pending.notEvaluated == true)
    }

    @Test("max_opens over the limit stands; within it, not evaluated")
    func maxOpens() {
        let flapping = (0..<3).flatMap { i in
            [MetricsFixtures.transition(at: 31 + Double(i) * 2, .closed, .open), MetricsFixtures.transition(at: 32 + Double(i) * 2, .open, .closed)]
        }
        let over = judge(.breaker(provider: "gemini", .maxOpens(2)), stoppedAt: 40, transitions: flapping)
        #expect(!over.passed && over.notEvaluated == nil)
        let within = judge(.breaker(provider: "gemini", .maxOpens(5)), stoppedAt: 40, transitions: flapping)
        #expect(within.notEvaluated == true)
    }

    // MARK: - abort_on_fail in simulation

    /// The outage example with a check that cannot hold: Gemini must open within 1 ms of the outage.
    static func impossible(abort: Bool, choices: Plan.Choices = Plan.Choices()) -> Plan {
        let check = Assertion.Check.breaker(provider: "gemini", .transition(to: .open, after: MetricsFixtures.start("gemini-outage"),
                                                                            within: .milliseconds(1)))
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: check, abortOnFail: abort),
                                                                 Assertion(check: successRate)])
        return Plan(experiment, choices: choices)
    }

    @Test("abort_on_fail ends a simulated run at the first check after the assertion is lost, verdict failed")
    func abortsSimulation() throws {
        let result = Simulation.run(Self.impossible(abort: true), startedAt: "2026-01-01T00:00:00Z")
        #expect(result.verdict == .failed)
        // The outage starts at 30s; the deadline passes at 30.001s; the watch looks once a second.
        let stopped = try #require(result.stoppedAtMs)
        #expect(stopped > 30_001 && stopped <= 31_001, "stopped at \(stopped)")
        #expect(result.stopReason == "gemini opens within 1ms after gemini-outage.start can no longer hold")
        #expect(result.assertions[0].notEvaluated == nil && !result.assertions[0].passed)
        #expect(result.assertions[1].notEvaluated == true)
        #expect(result.summary.requests < 31 * 20 + 10 * 32)
    }

    @Test("--abort-on-fail watches every assertion; without either, the run goes to its end")
    func flagAndDefault() {
        let flagged = Simulation.run(Self.impossible(abort: false, choices: Plan.Choices(abortOnFail: true)), startedAt: "")
        #expect(flagged.stoppedAtMs != nil)
        let plain = Simulation.run(Self.impossible(abort: false), startedAt: "")
        #expect(plain.stoppedAtMs == nil)
        #expect(plain.assertions.allSatisfy { $0.notEvaluated == nil })
        #expect(AbortWatch(plan: Self.impossible(abort: false)) == nil)
    }
}
