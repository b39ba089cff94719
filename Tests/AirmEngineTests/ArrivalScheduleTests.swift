import AirmEngine
import AirmSpec
import Testing

@Suite struct ArrivalScheduleTests {
    private func times(_ stream: TrafficStream, duration: Double = 100, seed: UInt64 = 1) -> [TimeSpan] {
        let experiment = Fixtures.experiment(duration: .seconds(duration), providers: [], traffic: [stream])
        guard var schedule = ArrivalSchedule(stream, timeline: Timeline(experiment),
                                             generator: SeededGenerator(seed: seed, stream: "traffic:" + stream.name)) else { return [] }
        var result: [TimeSpan] = []
        while let t = schedule.next() { result.append(t) }
        return result
    }

    private func estimate(_ stream: TrafficStream, duration: Double = 100) -> TrafficEstimate {
        let experiment = Fixtures.experiment(duration: .seconds(duration), providers: [Fixtures.provider("a")], traffic: [stream])
        return TrafficEstimate.of(stream: 0, in: experiment, timeline: Timeline(experiment))
    }

    @Test func uniformIsEvenlySpacedBeforeTheEnd() {
        let stream = Fixtures.stream(Fixtures.rate(4), start: .seconds(2), duration: .seconds(1))
        #expect(times(stream) == [2, 2.25, 2.5, 2.75].map { TimeSpan.seconds($0) })
        #expect(estimate(stream) == TrafficEstimate(requests: 4, exact: true))
    }

    @Test func uniformTimesAreComputedFromTheIndex() {
        let all = times(Fixtures.stream(Fixtures.rate(3)), duration: 3600)
        #expect(all.count == 10_800)
        #expect(all[1] == TimeSpan(nanoseconds: 333_333_333))
        #expect(all[10_799] == TimeSpan(nanoseconds: 3_599_666_666_667))
        #expect(estimate(Fixtures.stream(Fixtures.rate(3)), duration: 3600).requests == 10_800)
    }

    @Test func streamEndsAtTheRunsEnd() {
        #expect(times(Fixtures.stream(Fixtures.rate(10), start: .seconds(9.75)), duration: 10).count == 3)
        #expect(times(Fixtures.stream(Fixtures.rate(10), start: .seconds(20)), duration: 10).isEmpty)
    }

    @Test func stagesFollowTheIntegralOfTheRate() {
        let stages = TrafficStream.Shape.stages([
            .init(from: Rate(perSecond: 0), to: Rate(perSecond: 10), over: .seconds(2)),
            .init(from: Rate(perSecond: 10), to: Rate(perSecond: 10), over: .seconds(1)),
        ])
        let all = times(Fixtures.stream(stages))
        // Ramp: 2.5 τ² = k, so τ = √(k / 2.5); then one every 100 ms.
        let ramp = (0..<10).map { TimeSpan.seconds((Double($0) / 2.5).squareRoot()) }
        let flat = (0..<10).map { TimeSpan.seconds(2 + Double($0) / 10) }
        #expect(all.count == 20)
        for (got, want) in zip(all, ramp + flat) { #expect(abs(got.nanoseconds - want.nanoseconds) <= 1) }
        #expect(estimate(Fixtures.stream(stages)) == TrafficEstimate(requests: 20, exact: true))
    }

    @Test func constantStageMatchesUniform() {
        let stage = TrafficStream.Shape.stages([.init(from: Rate(perSecond: 7), to: Rate(perSecond: 7), over: .seconds(30))])
        #expect(times(Fixtures.stream(stage)) == times(Fixtures.stream(Fixtures.rate(7), duration: .seconds(30))))
    }

    @Test func rampDownStage() {
        let stages = TrafficStream.Shape.stages([.init(from: Rate(perSecond: 10), to: Rate(perSecond: 0), over: .seconds(2))])
        let all = times(Fixtures.stream(stages))
        // N(τ) = 10τ − 2.5τ²: 10 arrivals in all; the last where N reaches 9.
        #expect(all.count == 10)
        #expect(abs(all[9].seconds - (10 - (100 - 90.0).squareRoot()) / 5) < 1e-9)
    }

    @Test func burstIsEvenlySpread() {
        let burst = TrafficStream.Shape.burst(count: 4, at: .at(.seconds(10)), over: .seconds(1))
        #expect(times(Fixtures.stream(burst)) == [10, 10.25, 10.5, 10.75].map { TimeSpan.seconds($0) })
        #expect(estimate(Fixtures.stream(burst)).requests == 4)
    }

    @Test func poissonGapsHaveTheRightMeanAndDependOnTheSeed() {
        let stream = Fixtures.stream(Fixtures.rate(100, .poisson))
        let all = times(stream, duration: 1000)
        let gaps = zip(all.dropFirst(), all).map { ($0 - $1).seconds }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(mean - 0.01) < 0.0002)
        #expect(abs(Double(all.count) - 100_000) < 1500)
        #expect(times(stream, duration: 10) == times(stream, duration: 10))
        #expect(times(stream, duration: 10, seed: 1) != times(stream, duration: 10, seed: 2))
        let expected = estimate(stream, duration: 1000)
        #expect(expected.requests == 100_000 && !expected.exact)
    }

    @Test func estimatesForEveryStream() {
        let experiment = Fixtures.experiment(duration: .seconds(10), providers: [Fixtures.provider("a")],
                                             traffic: [Fixtures.stream(Fixtures.rate(5)),
                                                       Fixtures.stream(.burst(count: 7, at: .at(.seconds(9.5)), over: .seconds(1)), name: "spike")])
        // The burst runs past the run's end: only arrivals before 10 s count (9.5 + k/7 s, k = 0 … 3).
        #expect(TrafficEstimate.all(in: experiment, timeline: Timeline(experiment)).map(\.requests) == [50, 4])
    }

    @Test func usersHaveNoScheduleButAnEstimate() {
        let users = Fixtures.stream(.users(10, think: .fixed(.milliseconds(900))))
        #expect(times(users).isEmpty)
        let estimate = estimate(users, duration: 10)  // cycle 900 ms + 100 ms
        #expect(estimate.requests == 100 && !estimate.exact && estimate.note != nil)
    }
}
