import AirmEngine
import AirmSpec
import Testing

@Suite struct SimulatorDeterminismTests {
    private func experiment(faults: [Fault] = []) -> Experiment {
        Fixtures.experiment(
            duration: .seconds(60),
            providers: [Fixtures.provider("a", latency: .lognormal(median: .milliseconds(200), p99: .seconds(1)), errorRate: 0.05),
                        Fixtures.provider("b", latency: .exponential(mean: .milliseconds(300)))],
            policy: ProviderPolicy(timeout: .milliseconds(800),
                                   retry: RetryPolicy(maxAttempts: 2, backoff: .init(jitter: .full)),
                                   breaker: BreakerPolicy(failureRate: Ratio(fraction: 0.5), openFor: .seconds(5))),
            traffic: [Fixtures.stream(Fixtures.rate(50, .poisson))],
            faults: [Fixtures.fault("a-flaky", "a", .unavailable, at: 20, for: 10, probability: 0.7)] + faults)
    }

    @Test func sameExperimentAndSeedGiveIdenticalSamples() {
        var first = CollectingRecorder()
        var second = CollectingRecorder()
        let s1 = Simulator.run(Plan(experiment()), recorder: &first)
        let s2 = Simulator.run(Plan(experiment()), recorder: &second)
        #expect(first.entries == second.entries)
        #expect(s1 == s2)
        #expect(first.requests.count > 2500)
        #expect(!first.transitions.isEmpty)
    }

    @Test func recordingOnASecondThreadSeesTheSameSamplesInOrder() {
        var inline = CollectingRecorder()
        let s1 = Simulator.run(Plan(experiment()), recorder: &inline)
        let (s2, aside) = Simulator.runRecordingAside(Plan(experiment()), recorder: CollectingRecorder())
        #expect(aside.entries == inline.entries)
        #expect(s1 == s2)
        #expect(inline.entries.count > 4096)
    }

    @Test func differentSeedsGiveDifferentPoissonArrivals() {
        var one = CollectingRecorder()
        var two = CollectingRecorder()
        _ = Simulator.run(Plan(experiment(), choices: .init(seed: 1)), recorder: &one)
        _ = Simulator.run(Plan(experiment(), choices: .init(seed: 2)), recorder: &two)
        #expect(one.requests.map(\.scheduledAt).sorted() != two.requests.map(\.scheduledAt).sorted())
    }

    @Test func addingAFaultLeavesArrivalsUnchanged() {
        var plain = CollectingRecorder()
        var more = CollectingRecorder()
        _ = Simulator.run(Plan(experiment()), recorder: &plain)
        _ = Simulator.run(Plan(experiment(faults: [Fixtures.fault("b-slow", "b", .latency(delay: .seconds(1), jitter: .seconds(1)), at: 0, probability: 0.5)])),
                          recorder: &more)
        #expect(plain.requests.map(\.scheduledAt).sorted() == more.requests.map(\.scheduledAt).sorted())
    }

    @Test func summaryCountsMatchTheSamples() {
        var recorder = CountingRecorder()
        let summary = Simulator.run(Plan(experiment()), recorder: &recorder)
        #expect(summary.requests == recorder.requests)
        #expect(summary.attempts == recorder.attempts)
        #expect(summary.transitions == recorder.transitions)
        #expect(summary.endedAt >= .seconds(60))
    }
}
