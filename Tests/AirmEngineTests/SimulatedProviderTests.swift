import AirmEngine
import AirmSpec
import Testing

@Suite struct SimulatedProviderTests {
    private func provider(_ behavior: SimulatedBehavior) -> SimulatedProvider {
        SimulatedProvider(behavior, generator: SeededGenerator(seed: 1, stream: "provider:p"))
    }

    @Test func capacityQueuesCallsInOrder() {
        var p = provider(SimulatedBehavior(latency: .fixed(.milliseconds(100)), capacity: 2))
        let latencies = [0.0, 0, 0, 0, 0.35].map { p.call(at: .seconds($0)).latency }
        #expect(latencies == [.milliseconds(100), .milliseconds(100), .milliseconds(200), .milliseconds(200), .milliseconds(100)])
    }

    @Test func rateLimitAnswers429WithRetryAfter() {
        var p = provider(SimulatedBehavior(latency: .fixed(.milliseconds(100)), rateLimit: Rate(perSecond: 2)))
        let answers = [0.0, 0.5, 0.6, 1.0].map { p.call(at: .seconds($0)) }
        #expect(answers.map(\.error) == [nil, nil, .rateLimited, nil])
        #expect(answers[2] == .init(latency: .zero, error: .rateLimited, retryAfter: .milliseconds(400)))
    }

    @Test func errorRateGives503s() {
        var p = provider(SimulatedBehavior(latency: .fixed(.milliseconds(10)), errorRate: Ratio(fraction: 0.1)))
        let errors = (0..<20_000).filter { _ in p.call(at: .zero).error == .unavailable }.count
        #expect(abs(errors - 2000) < 150)
    }

    @Test func quotaShapes() {
        #expect(SlidingQuota(rate: Rate(perSecond: 10)).limit == 10)
        let perMinute = SlidingQuota(rate: Rate(perSecond: 10.0 / 60))
        #expect(perMinute.limit == 10 && perMinute.window == .seconds(60))
        let perHour = SlidingQuota(rate: Rate(perSecond: 1.0 / 3600))
        #expect(perHour.limit == 1 && perHour.window == .seconds(3600))
        let half = SlidingQuota(rate: Rate(perSecond: 0.5))
        #expect(half.limit == 30 && half.window == .seconds(60))
    }

    @Test func quotaKeepsTheWrittenUnit() throws {
        let rate = try UnitParser.rate("600/m").get()
        #expect(rate.per == .seconds(60) && rate.description == "600/m")
        var quota = SlidingQuota(rate: rate)
        #expect(quota.limit == 600 && quota.window == .seconds(60))
        // All 600 calls fit in the first second; the 601st waits for the first to leave the window.
        let refused = (0..<601).compactMap { quota.admit(at: .milliseconds(Double($0))) }
        #expect(refused == [.milliseconds(60_000 - 600)])
        #expect(quota.admit(at: .seconds(60)) == nil)
    }

    @Test func providerQuotaPerMinuteAdmitsABurst() throws {
        let rate = try UnitParser.rate("600/m").get()
        var p = provider(SimulatedBehavior(latency: .fixed(.milliseconds(10)), rateLimit: rate))
        let refused = (0..<700).filter { p.call(at: .milliseconds(Double($0))).error == .rateLimited }.count
        #expect(refused == 100)
    }

    @Test func hugeQuotaKeepsBoundedMemory() {
        let quota = SlidingQuota(limit: 3_600_000_000, window: .seconds(3600))
        #expect(quota.limit == SlidingQuota.maximumLimit)
        #expect(quota.window == .seconds(3600) * (1.0 / 3600))
    }
}

@Suite struct AttemptModelTests {
    private var provider = SimulatedProvider(SimulatedBehavior(latency: .fixed(.seconds(1))), generator: SeededGenerator(seed: 1))

    private mutating func resolve(_ effect: FaultEffect, limit: Double = 5, slowOver: TimeSpan? = nil, maxTokens: Int? = nil) -> AttemptModel.End {
        AttemptModel.resolve(effect, provider: &provider, at: .zero, limit: .seconds(limit), slowOver: slowOver, maxTokens: maxTokens)
    }

    @Test mutating func outcomes() {
        #expect(resolve(FaultEffect()) == .init(duration: .seconds(1), result: .success(slow: false)))
        #expect(resolve(FaultEffect(), slowOver: .milliseconds(500)) == .init(duration: .seconds(1), result: .success(slow: true)))
        #expect(resolve(FaultEffect(outcome: .corrupt)) == .init(duration: .seconds(1), result: .failure(.corrupt)))
        #expect(resolve(FaultEffect(outcome: .cut(.afterTime(.milliseconds(200))))) == .init(duration: .milliseconds(200), result: .failure(.connection)))
        #expect(resolve(FaultEffect(outcome: .cut(.afterTime(.seconds(3))))) == .init(duration: .seconds(1), result: .failure(.connection)))
        #expect(resolve(FaultEffect(outcome: .cut(.afterTokens(20))), maxTokens: 100) == .init(duration: .milliseconds(200), result: .failure(.connection)))
        #expect(resolve(FaultEffect(outcome: .passThrough, addedDelay: .seconds(3))) == .init(duration: .seconds(4), result: .success(slow: false)))
        #expect(resolve(FaultEffect(outcome: .hang)) == .init(duration: .seconds(5), result: .failure(.timeout)))
        #expect(resolve(FaultEffect(), limit: 1) == .init(duration: .seconds(1), result: .failure(.timeout)))
        let injected = FaultEffect(outcome: .answer(.rateLimited, after: .zero, retryAfter: .seconds(1)), addedDelay: .seconds(2))
        #expect(resolve(injected) == .init(duration: .seconds(2), result: .failure(.rateLimited), retryAfter: .seconds(1)))
    }
}
