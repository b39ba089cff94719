import AirmEngine
import AirmSpec
import Testing

@Suite struct FaultScheduleTests {
    private func schedule(_ faults: [Fault]) -> FaultSchedule {
        let experiment = Fixtures.experiment(duration: .seconds(100), providers: [Fixtures.provider("a"), Fixtures.provider("b")],
                                             traffic: [], faults: faults)
        return FaultSchedule(experiment, timeline: Timeline(experiment))
    }

    private func effects(_ faults: [Fault], provider: Int = 0, at times: [Double]) -> [FaultEffect] {
        var s = schedule(faults)
        return times.map { s.effect(provider: provider, at: .seconds($0)) }
    }

    private static let unavailable = FaultEffect.Outcome.answer(.unavailable, after: .zero, retryAfter: nil)

    @Test func activeOnlyInItsWindowAndOnItsTargets() {
        let outage = Fixtures.fault("outage", "a", .unavailable, at: 10, for: 5)
        #expect(effects([outage], at: [9.999, 10, 14.999, 15]).map(\.outcome)
                == [.passThrough, Self.unavailable, Self.unavailable, .passThrough])
        #expect(effects([outage], provider: 1, at: [12]).map(\.outcome) == [.passThrough])
        let everywhere = Fixtures.fault("all", "*", .unavailable, at: 0)
        #expect(effects([everywhere], provider: 1, at: [99]).map(\.outcome) == [Self.unavailable])
    }

    @Test(arguments: [(500, ErrorKind.serverError), (503, .unavailable), (401, .auth), (429, .rateLimited), (400, .badRequest)])
    func errorStatusMapsToItsKindWithoutRetryAfter(status: Int, kind: ErrorKind) {
        let fault = Fixtures.fault("e", "a", .error(status: status), at: 0)
        #expect(effects([fault], at: [1]).map(\.outcome) == [.answer(kind, after: .zero, retryAfter: nil)])
    }

    @Test func timeoutNeverAnswers() {
        #expect(effects([Fixtures.fault("t", "a", .timeout, at: 0)], at: [1]).map(\.outcome) == [.hang])
    }

    @Test func delayMakesAFailureSlow() {
        let fault = Fixtures.fault("slow-503", "a", .unavailable, at: 0, delay: .seconds(2))
        #expect(effects([fault], at: [1]).map(\.outcome) == [.answer(.unavailable, after: .seconds(2), retryAfter: nil)])
    }

    @Test func delayOnCorruptOrCutAddsToTheProvidersLatency() {
        let corrupt = Fixtures.fault("bad", "a", .corrupt(.malformed), at: 0, delay: .seconds(2))
        #expect(effects([corrupt], at: [1]) == [FaultEffect(outcome: .corrupt, addedDelay: .seconds(2), decidedBy: 0)])
        let cut = Fixtures.fault("cut", "a", .streamCut(.afterTime(.milliseconds(50))), at: 0, delay: .seconds(1))
        #expect(effects([cut], at: [1]) == [FaultEffect(outcome: .cut(.afterTime(.milliseconds(50))), addedDelay: .seconds(1), decidedBy: 0)])
    }

    @Test func latencyDelaysAddAndTheFirstFailingFaultDecides() {
        let faults = [
            Fixtures.fault("slow", "a", .latency(delay: .seconds(1), jitter: .zero), at: 0),
            Fixtures.fault("e500", "a", .error(status: 500), at: 10),
            Fixtures.fault("down", "a", .unavailable, at: 5),
            Fixtures.fault("slower", "a", .latency(delay: .seconds(2), jitter: .zero), at: 0),
        ]
        let result = effects(faults, at: [1, 6, 11])
        #expect(result == [
            FaultEffect(outcome: .passThrough, addedDelay: .seconds(3)),
            FaultEffect(outcome: Self.unavailable, addedDelay: .seconds(3), decidedBy: 2),
            FaultEffect(outcome: .answer(.serverError, after: .zero, retryAfter: nil), addedDelay: .seconds(3), decidedBy: 1),
        ])
    }

    @Test func latencyJitterStaysWithinBounds() {
        let fault = Fixtures.fault("slow", "a", .latency(delay: .seconds(2), jitter: .milliseconds(500)), at: 0)
        let delays = effects([fault], at: (0..<1000).map { Double($0) / 100 }).map(\.addedDelay)
        #expect(delays.allSatisfy { $0 >= .seconds(1.5) && $0 <= .seconds(2.5) })
        #expect(Set(delays).count > 100)
    }

    @Test func intermittentStartsDownAndAlternates() {
        let fault = Fixtures.fault("flaky", "a", .intermittent(up: .seconds(2), down: .seconds(1), failure: .unavailable), at: 10, for: 20)
        let outcomes = effects([fault], at: [9.9, 10, 10.999, 11, 12.999, 13, 13.5, 14, 29.9, 30]).map(\.outcome)
        #expect(outcomes == [.passThrough, Self.unavailable, Self.unavailable, .passThrough, .passThrough,
                             Self.unavailable, Self.unavailable, .passThrough, .passThrough, .passThrough])
        let asTimeout = Fixtures.fault("flaky", "a", .intermittent(up: .seconds(1), down: .seconds(1), failure: .timeout), at: 0)
        #expect(effects([asTimeout], at: [0.5, 1.5]).map(\.outcome) == [.hang, .passThrough])
        let asError = Fixtures.fault("flaky", "a", .intermittent(up: .seconds(1), down: .seconds(1), failure: .error(status: 502)), at: 0)
        #expect(effects([asError], at: [0.5]).map(\.outcome) == [.answer(.serverError, after: .zero, retryAfter: nil)])
    }

    @Test func plainRateLimitFailsEveryCallWithItsRetryAfter() {
        let fault = Fixtures.fault("429", "a", .rateLimit(retryAfter: .seconds(1), limit: nil), at: 0)
        #expect(effects([fault], at: [1, 1]).map(\.outcome)
                == Array(repeating: .answer(.rateLimited, after: .zero, retryAfter: .seconds(1)), count: 2))
    }

    @Test func rateLimitWithLimitFailsOnlyCallsOverTheQuota() {
        let fault = Fixtures.fault("quota", "a", .rateLimit(retryAfter: .seconds(1), limit: Rate(perSecond: 2)), at: 0)
        let outcomes = effects([fault], at: [0, 0.1, 0.2, 1.0, 1.05, 1.1]).map(\.outcome)
        #expect(outcomes == [
            .passThrough, .passThrough,
            .answer(.rateLimited, after: .zero, retryAfter: .milliseconds(800)),
            .passThrough,
            .answer(.rateLimited, after: .zero, retryAfter: .milliseconds(50)),
            .passThrough,
        ])
    }

    @Test func bodyFaultsKeepTheProvidersLatency() {
        #expect(effects([Fixtures.fault("c", "a", .corrupt(.truncate), at: 0)], at: [1]).map(\.outcome) == [.corrupt])
        #expect(effects([Fixtures.fault("cut", "a", .streamCut(.afterTime(.milliseconds(200))), at: 0)], at: [1]).map(\.outcome)
                == [.cut(.afterTime(.milliseconds(200)))])
        #expect(effects([Fixtures.fault("stall", "a", .stall(after: .milliseconds(100), pause: .seconds(3)), at: 0)], at: [1])
                == [FaultEffect(outcome: .passThrough, addedDelay: .seconds(3),
                                stall: .init(after: .milliseconds(100), gap: .seconds(3)))])
        let twoStalls = [Fixtures.fault("s1", "a", .stall(after: .milliseconds(300), pause: .seconds(1)), at: 0),
                         Fixtures.fault("s2", "a", .stall(after: .milliseconds(100), pause: .seconds(2)), at: 0),
                         Fixtures.fault("slow", "a", .latency(delay: .milliseconds(500), jitter: .zero), at: 0)]
        #expect(effects(twoStalls, at: [1]) == [FaultEffect(outcome: .passThrough, addedDelay: .milliseconds(3500),
                                                            stall: .init(after: .milliseconds(100), gap: .seconds(3)))])
        let stalledOutage = [Fixtures.fault("stall", "a", .stall(after: .milliseconds(100), pause: .seconds(3)), at: 0),
                             Fixtures.fault("down", "a", .unavailable, at: 0)]
        #expect(effects(stalledOutage, at: [1]) == [FaultEffect(outcome: Self.unavailable, decidedBy: 1)])
    }

    @Test func probabilityIsDrawnFromTheFaultsOwnStream() {
        let half = Fixtures.fault("half", "a", .unavailable, at: 0, probability: 0.5)
        let times = (0..<10_000).map { Double($0) / 1000 }
        let alone = effects([half], at: times).map(\.outcome)
        let hits = alone.filter { $0 != .passThrough }.count
        #expect(abs(hits - 5000) < 200)
        // Another probabilistic fault in front changes nothing about this one's draws.
        let other = Fixtures.fault("other", "a", .latency(delay: .seconds(1), jitter: .seconds(1)), at: 0, probability: 0.3)
        let together = effects([other, half], at: times).map(\.decidedBy)
        #expect(together.map { $0 != nil } == alone.map { $0 != .passThrough })
    }

    @Test func resetFailsAsConnectionBeforeOrIntoTheAnswer() {
        #expect(effects([Fixtures.fault("r", "a", .reset(), at: 0, delay: .milliseconds(20))], at: [1])
                == [FaultEffect(outcome: .answer(.connection, after: .milliseconds(20), retryAfter: nil), decidedBy: 0)])
        #expect(effects([Fixtures.fault("r", "a", .reset(after: .afterTokens(5)), at: 0, delay: .seconds(1))], at: [1])
                == [FaultEffect(outcome: .cut(.afterTokens(5)), addedDelay: .seconds(1), decidedBy: 0)])
        let stalledReset = [Fixtures.fault("stall", "a", .stall(after: .zero, pause: .seconds(2)), at: 0),
                            Fixtures.fault("r", "a", .reset(), at: 0)]
        #expect(effects(stalledReset, at: [1]) == [FaultEffect(outcome: .answer(.connection, after: .zero, retryAfter: nil), decidedBy: 1)])
    }

    @Test func eachTypeDeliversItsOutcomeLive() {
        #expect(ErrorFault(status: 502).delivery(of: .answer(.serverError, after: .zero, retryAfter: nil)) == .respond(status: 502))
        #expect(UnavailableFault().delivery(of: Self.unavailable) == .refuse)
        #expect(IntermittentFault(up: .seconds(1), down: .seconds(1), failure: .error(status: 503)).delivery(of: Self.unavailable)
                == .respond(status: 503))
        #expect(CorruptFault(how: .empty).delivery(of: .corrupt) == .corrupt(.empty))
        #expect(StreamCutFault(.afterTokens(2)).delivery(of: .cut(.afterTokens(2))) == .cut(.afterTokens(2)))
        #expect(ResetFault().delivery(of: .answer(.connection, after: .zero, retryAfter: nil)) == .reset)
        #expect(ResetFault(after: .afterTokens(2)).delivery(of: .cut(.afterTokens(2))) == .resetAfter(.afterTokens(2)))
        #expect(RateLimitFault().delivery(of: .answer(.rateLimited, after: .zero, retryAfter: .seconds(1))) == .respond(status: 429))
    }
}
