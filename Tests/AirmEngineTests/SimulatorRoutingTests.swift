import AirmEngine
import AirmSpec
import Testing

/// End to end: fallback between providers, static fallback, deadlines, retries, run end.
@Suite struct SimulatorRoutingTests {
    private func overlapping(fallback: Bool) -> Experiment {
        Fixtures.experiment(
            duration: .seconds(50),
            providers: [Fixtures.provider("a"), Fixtures.provider("b")],
            policy: ProviderPolicy(breaker: BreakerPolicy(consecutiveFailures: 0)),
            traffic: [Fixtures.stream(Fixtures.rate(10))],
            faults: [Fixtures.fault("a-down", "a", .unavailable, at: 10, for: 20),
                     Fixtures.fault("b-down", "b", .unavailable, at: 20, for: 20)],
            fallback: fallback)
    }

    @Test func fallbackAndDegradedWhenProvidersFailInOverlappingWindows() {
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(overlapping(fallback: true)), recorder: &recorder)
        #expect(recorder.count(.ok) == 300)        // [0, 10) and [30, 50)
        #expect(recorder.count(.fallback) == 100)  // [10, 20): a fails at once, b serves
        #expect(recorder.count(.degraded) == 100)  // [20, 30): both down
        #expect(recorder.count(.failed) == 0)
        let fallback = recorder.requests.filter { $0.outcome == .fallback }
        #expect(fallback.first?.scheduledAt == .seconds(10) && fallback.last?.scheduledAt == .seconds(19.9))
        #expect(fallback.allSatisfy { $0.attempts == 2 && $0.endedAt - $0.scheduledAt == .milliseconds(100) })
        #expect(recorder.requests.filter { $0.outcome == .degraded }.allSatisfy { $0.endedAt == $0.scheduledAt })
    }

    @Test func withoutStaticFallbackExhaustedRequestsFail() {
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(overlapping(fallback: false)), recorder: &recorder)
        #expect(recorder.count(.failed) == 100 && recorder.count(.degraded) == 0)
    }

    @Test func deadlineCutsSlowAttemptsAndFailsTheRequest() {
        let experiment = Fixtures.experiment(
            duration: .seconds(1),
            providers: [Fixtures.provider("a"), Fixtures.provider("b")],
            policy: ProviderPolicy(timeout: .seconds(2)),
            traffic: [Fixtures.stream(Fixtures.rate(1))],
            faults: [Fixtures.fault("hang", "*", .timeout, at: 0, for: 10)],
            deadline: .seconds(3))
        var recorder = CollectingRecorder()
        let summary = Simulator.run(Plan(experiment), recorder: &recorder)
        // a times out at 2 s; b gets what is left of the deadline (1 s).
        #expect(recorder.attempts == [
            AttemptSample(provider: 0, startedAt: .zero, endedAt: .seconds(2), result: .failure(.timeout)),
            AttemptSample(provider: 1, startedAt: .seconds(2), endedAt: .seconds(3), result: .failure(.timeout)),
        ])
        #expect(recorder.requests == [RequestSample(stream: 0, scheduledAt: .zero, endedAt: .seconds(3), outcome: .failed, attempts: 2)])
        #expect(summary.endedAt == .seconds(3))
    }

    @Test func retriesBackOffOnTheSameProvider() {
        let retry = RetryPolicy(maxAttempts: 3, backoff: .init(initial: .milliseconds(200), multiplier: 2, max: .seconds(5)))
        let experiment = Fixtures.experiment(
            duration: .seconds(1),
            providers: [Fixtures.provider("a")],
            policy: ProviderPolicy(retry: retry),
            traffic: [Fixtures.stream(Fixtures.rate(1))],
            faults: [Fixtures.fault("flaky", "a", .unavailable, at: 0, for: 0.5)])
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(experiment), recorder: &recorder)
        // Fails at 0, retried at 0.2 (fails), retried at 0.6 (after the fault) and served at 0.7.
        #expect(recorder.attempts.map(\.startedAt) == [.zero, .seconds(0.2), .seconds(0.6)])
        #expect(recorder.requests == [RequestSample(stream: 0, scheduledAt: .zero, endedAt: .seconds(0.7), outcome: .ok, attempts: 3)])
    }

    @Test func maxInFlightDropsArrivals() {
        let experiment = Fixtures.experiment(
            duration: .seconds(1),
            providers: [Fixtures.provider("a", latency: .fixed(.milliseconds(250)))],
            traffic: [Fixtures.stream(Fixtures.rate(10), maxInFlight: 2)])
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(experiment), recorder: &recorder)
        // Requests take 250 ms and arrive every 100 ms: every third finds two in flight.
        #expect(recorder.requests.count == 10)
        #expect(recorder.count(.dropped) == 3)
        #expect(recorder.requests.filter { $0.outcome == .dropped }.map(\.scheduledAt) == [.seconds(0.2), .seconds(0.5), .seconds(0.8)])
    }

    @Test func timersAfterTheRunsLastMomentAreNotFired() {
        let experiment = Fixtures.experiment(
            duration: .seconds(10),
            providers: [Fixtures.provider("a")],
            policy: ProviderPolicy(breaker: BreakerPolicy(consecutiveFailures: 1, openFor: .seconds(30))),
            traffic: [Fixtures.stream(Fixtures.rate(1))],
            faults: [Fixtures.fault("down", "a", .unavailable, at: 5)])
        var recorder = CollectingRecorder()
        let summary = Simulator.run(Plan(experiment), recorder: &recorder)
        #expect(recorder.transitions.map(\.to) == [.open])
        #expect(summary.breakerStates == [.open])
        #expect(summary.endedAt == .seconds(10))
    }

    @Test func timersFireOnTimeEvenWithoutTraffic() {
        let experiment = Fixtures.experiment(
            duration: .seconds(20),
            providers: [Fixtures.provider("a")],
            policy: ProviderPolicy(breaker: BreakerPolicy(consecutiveFailures: 1, openFor: .seconds(5))),
            traffic: [Fixtures.stream(Fixtures.rate(1), duration: .seconds(1))],
            faults: [Fixtures.fault("down", "a", .unavailable, at: 0)])
        var recorder = CollectingRecorder()
        let summary = Simulator.run(Plan(experiment), recorder: &recorder)
        #expect(recorder.transitions.map(\.at) == [.zero, .seconds(5)])
        #expect(summary.breakerStates == [.halfOpen])
    }

    @Test func retryHonoursRetryAfterOfARateLimit() {
        let retry = RetryPolicy(maxAttempts: 2, backoff: .init(initial: .milliseconds(100)))
        let experiment = Fixtures.experiment(
            duration: .seconds(1),
            providers: [Fixtures.provider("a")],
            policy: ProviderPolicy(retry: retry),
            traffic: [Fixtures.stream(Fixtures.rate(1))],
            faults: [Fixtures.fault("429", "a", .rateLimit(retryAfter: .seconds(2), limit: nil), at: 0, for: 1)])
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(experiment), recorder: &recorder)
        #expect(recorder.attempts.map(\.startedAt) == [.zero, .seconds(2)])
        #expect(recorder.requests == [RequestSample(stream: 0, scheduledAt: .zero, endedAt: .seconds(2.1), outcome: .ok, attempts: 2)])
    }

    @Test func usersWithoutThinkTimeStillLetTimeMoveOn() {
        let experiment = Fixtures.experiment(
            duration: .seconds(1),
            providers: [Fixtures.provider("a")],
            policy: ProviderPolicy(breaker: BreakerPolicy(consecutiveFailures: 1, openFor: .seconds(30))),
            traffic: [Fixtures.stream(.users(1, think: .fixed(.zero)))],
            faults: [Fixtures.fault("down", "a", .unavailable, at: 0)])
        var recorder = CountingRecorder()
        _ = Simulator.run(Plan(experiment), recorder: &recorder)
        // Rejected at once every time: one send per millisecond.
        #expect(recorder.requests == 1000)
    }

    @Test func usersCloseTheLoop() {
        let experiment = Fixtures.experiment(
            duration: .seconds(3),
            providers: [Fixtures.provider("a", latency: .fixed(.milliseconds(100)))],
            traffic: [Fixtures.stream(.users(2, think: .fixed(.milliseconds(900))))])
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(experiment), recorder: &recorder)
        // Each user sends at 0, 1, 2; the next send would be at exactly 3 s, the end: not sent.
        #expect(recorder.requests.map(\.scheduledAt) == [0, 0, 1, 1, 2, 2].map { TimeSpan.seconds($0) })
        #expect(recorder.requests.allSatisfy { $0.outcome == .ok })
    }
}
