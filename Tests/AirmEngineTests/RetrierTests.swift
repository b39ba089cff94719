import AirmEngine
import AirmSpec
import Testing

@Suite struct RetrierTests {
    private func retrier(maxAttempts: Int = 5, jitter: RetryPolicy.Jitter = .none,
                         retryAfter: RetryPolicy.RetryAfter = .honor) -> Retrier {
        Retrier(RetryPolicy(maxAttempts: maxAttempts,
                            backoff: .init(initial: .milliseconds(100), multiplier: 2, max: .seconds(1), jitter: jitter),
                            retryAfter: retryAfter))
    }

    @Test(arguments: [(1, 100.0), (2, 200.0), (3, 400.0), (4, 800.0), (5, 1000.0), (9, 1000.0)])
    func backoffGrowsToItsCap(attempt: Int, milliseconds: Double) {
        #expect(retrier().baseWait(after: attempt) == .milliseconds(milliseconds))
    }

    @Test func fullJitterDrawsFromZeroToTheWait() {
        var generator = SeededGenerator(seed: 1, stream: "retry:p")
        let waits = (0..<10_000).map { _ in retrier(jitter: .full).wait(after: 3, retryAfter: nil, using: &generator) }
        #expect(waits.allSatisfy { $0 >= .zero && $0 <= .milliseconds(400) })
        let mean = waits.map(\.milliseconds).reduce(0, +) / Double(waits.count)
        #expect(abs(mean - 200) < 5)
    }

    @Test func equalJitterDrawsFromHalfTheWaitToTheWait() {
        var generator = SeededGenerator(seed: 1, stream: "retry:p")
        let waits = (0..<10_000).map { _ in retrier(jitter: .equal).wait(after: 3, retryAfter: nil, using: &generator) }
        #expect(waits.allSatisfy { $0 >= .milliseconds(200) && $0 <= .milliseconds(400) })
        let mean = waits.map(\.milliseconds).reduce(0, +) / Double(waits.count)
        #expect(abs(mean - 300) < 5)
    }

    @Test(arguments: [
        (RetryPolicy.RetryAfter.honor, 2_000.0, 2_000.0),   // longer: replaces the wait
        (.honor, 50.0, 100.0),                               // shorter: the wait stands
        (.honor, 90_000.0, 60_000.0),                        // capped at 60 s
        (.ignore, 2_000.0, 100.0),
    ])
    func retryAfter(mode: RetryPolicy.RetryAfter, retryAfterMs: Double, expectedMs: Double) {
        var generator = SeededGenerator(seed: 1)
        let wait = retrier(retryAfter: mode).wait(after: 1, retryAfter: .milliseconds(retryAfterMs), using: &generator)
        #expect(wait == .milliseconds(expectedMs))
    }

    @Test func decisions() {
        var generator = SeededGenerator(seed: 1)
        let r = retrier(maxAttempts: 3)
        #expect(r.decide(after: 1, failure: .unavailable, retryAfter: nil, at: .seconds(1), deadline: nil, using: &generator)
                == .retry(at: .seconds(1.1)))
        #expect(r.decide(after: 2, failure: .timeout, retryAfter: nil, at: .seconds(1), deadline: nil, using: &generator)
                == .retry(at: .seconds(1.2)))
        // Attempts used up, or a kind not in `on`: move on to the next provider.
        #expect(r.decide(after: 3, failure: .unavailable, retryAfter: nil, at: .seconds(1), deadline: nil, using: &generator) == .moveOn)
        #expect(r.decide(after: 1, failure: .badRequest, retryAfter: nil, at: .seconds(1), deadline: nil, using: &generator) == .moveOn)
        #expect(r.decide(after: 1, failure: .corrupt, retryAfter: nil, at: .seconds(1), deadline: nil, using: &generator) == .moveOn)
    }

    @Test func aWaitReachingTheDeadlineEndsTheRequest() {
        var generator = SeededGenerator(seed: 1)
        let r = retrier()
        #expect(r.decide(after: 1, failure: .unavailable, retryAfter: nil, at: .seconds(1), deadline: .seconds(1.1), using: &generator) == .deadline)
        #expect(r.decide(after: 1, failure: .unavailable, retryAfter: nil, at: .seconds(1), deadline: .seconds(1.2), using: &generator)
                == .retry(at: .seconds(1.1)))
        // An honoured Retry-After counts towards the deadline too.
        #expect(r.decide(after: 1, failure: .rateLimited, retryAfter: .seconds(5), at: .seconds(1), deadline: .seconds(3), using: &generator) == .deadline)
    }

    @Test func noRetriesByDefault() {
        var generator = SeededGenerator(seed: 1)
        #expect(Retrier(RetryPolicy()).decide(after: 1, failure: .unavailable, retryAfter: nil, at: .zero, deadline: nil, using: &generator) == .moveOn)
    }
}
