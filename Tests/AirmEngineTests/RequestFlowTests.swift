import AirmEngine
import AirmSpec
import Testing

@Suite struct RequestFlowTests {
    private func setup(retry: RetryPolicy = RetryPolicy(), deadline: TimeSpan? = nil, fallback: Bool = false)
        -> (Router, [CircuitBreaker]) {
        let experiment = Fixtures.experiment(
            duration: .seconds(10), providers: [Fixtures.provider("a"), Fixtures.provider("b")],
            policy: ProviderPolicy(timeout: .seconds(2), retry: retry, breaker: BreakerPolicy(consecutiveFailures: 1)),
            traffic: [], deadline: deadline, fallback: fallback)
        let router = Router(experiment)
        return (router, experiment.providers.map { CircuitBreaker(provider: $0.name, policy: experiment.policy.settings(for: $0.name).breaker) })
    }

    @Test func firstProviderServesOk() {
        var (router, breakers) = setup()
        var generator = SeededGenerator(seed: 1)
        var flow = RequestFlow(scheduledAt: .zero, router: router)
        guard case .attempt(0, _, let limit) = flow.advance(at: .zero, router: router, breakers: &breakers) else {
            Issue.record("no attempt"); return
        }
        #expect(limit == .seconds(2))
        let step = flow.complete(.success(slow: false), retryAfter: nil, at: .seconds(1), router: router, breakers: &breakers, generator: &generator)
        #expect(step == .finished(.ok))
    }

    @Test func openBreakerSendsTheRequestOnAtOnce() {
        var (router, breakers) = setup()
        _ = breakers[0].trip(at: .zero, reason: "test")
        var flow = RequestFlow(scheduledAt: .seconds(1), router: router)
        #expect(flow.advance(at: .seconds(1), router: router, breakers: &breakers) == .rejected(provider: 0, remaining: .seconds(29)))
        guard case .attempt(1, _, _) = flow.advance(at: .seconds(1), router: router, breakers: &breakers) else {
            Issue.record("no attempt on b"); return
        }
        var generator = SeededGenerator(seed: 1)
        #expect(flow.complete(.success(slow: false), retryAfter: nil, at: .seconds(2), router: router, breakers: &breakers, generator: &generator)
                == .finished(.fallback))
        #expect(flow.attempts == 1)
    }

    @Test func exhaustedRouteIsFailedOrDegraded() {
        for fallback in [false, true] {
            var (router, breakers) = setup(fallback: fallback)
            var generator = SeededGenerator(seed: 1)
            var flow = RequestFlow(scheduledAt: .zero, router: router)
            _ = flow.advance(at: .zero, router: router, breakers: &breakers)
            let next = flow.complete(.failure(.unavailable), retryAfter: nil, at: .zero, router: router, breakers: &breakers, generator: &generator)
            guard case .attempt(1, _, _) = next else { Issue.record("no attempt on b"); return }
            let end = flow.complete(.failure(.unavailable), retryAfter: nil, at: .zero, router: router, breakers: &breakers, generator: &generator)
            #expect(end == .finished(fallback ? .degraded : .failed))
        }
    }

    @Test func retriesWaitAndAskTheBreakerAgain() {
        var (router, breakers) = setup(retry: RetryPolicy(maxAttempts: 3))
        var generator = SeededGenerator(seed: 1)
        var flow = RequestFlow(scheduledAt: .zero, router: router)
        _ = flow.advance(at: .zero, router: router, breakers: &breakers)
        let step = flow.complete(.failure(.unavailable), retryAfter: nil, at: .seconds(1), router: router, breakers: &breakers, generator: &generator)
        #expect(step == .wait(until: .seconds(1.1)))
        _ = breakers[0].trip(at: .seconds(1), reason: "test")  // opened meanwhile
        #expect(flow.advance(at: .seconds(1.1), router: router, breakers: &breakers) == .rejected(provider: 0, remaining: .seconds(29.9)))
    }

    @Test func deadlineLimitsAttemptsAndFailsTheRequest() {
        var (router, breakers) = setup(deadline: .seconds(3))
        var generator = SeededGenerator(seed: 1)
        var flow = RequestFlow(scheduledAt: .zero, router: router)
        _ = flow.advance(at: .zero, router: router, breakers: &breakers)
        let next = flow.complete(.failure(.timeout), retryAfter: nil, at: .seconds(2), router: router, breakers: &breakers, generator: &generator)
        guard case .attempt(1, _, let limit) = next else { Issue.record("no attempt on b"); return }
        #expect(limit == .seconds(1))  // what is left of the deadline
        let end = flow.complete(.failure(.timeout), retryAfter: nil, at: .seconds(3), router: router, breakers: &breakers, generator: &generator)
        #expect(end == .finished(.failed))
        #expect(flow.failureKind == .timeout)
    }
}
