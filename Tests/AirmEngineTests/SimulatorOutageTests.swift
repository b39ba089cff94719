import AirmEngine
import AirmSpec
import Testing

/// End to end: one provider, a 25 s outage, a breaker that opens, probes and closes.
@Suite struct SimulatorOutageTests {
    static let experiment = Fixtures.experiment(
        duration: .seconds(80),
        providers: [Fixtures.provider("gemini", latency: .fixed(.milliseconds(100)))],
        policy: ProviderPolicy(breaker: BreakerPolicy(consecutiveFailures: 5, openFor: .seconds(10),
                                                      halfOpen: .init(probes: 1, closeAfter: 1))),
        traffic: [Fixtures.stream(Fixtures.rate(10))],
        faults: [Fixtures.fault("gemini-outage", "gemini", .unavailable, at: 30, for: 25)])

    @Test func breakerVisitsTheExpectedStatesAtExactTimes() {
        var recorder = CollectingRecorder()
        let summary = Simulator.run(Plan(Self.experiment), recorder: &recorder)
        // Arrivals every 100 ms; the attempts at 30.0 … 30.4 fail at once, the 5th opens it.
        // Probes at 40.4 and 50.4 meet the outage; the probe at 60.4 succeeds at 60.5.
        #expect(recorder.transitions.map { "\($0.at.seconds) \($0.from.rawValue)->\($0.to.rawValue) \($0.reason)" } == [
            "30.4 closed->open 5 consecutive failures",
            "40.4 open->half_open open_for 10s elapsed",
            "40.4 half_open->open probe failed: unavailable",
            "50.4 open->half_open open_for 10s elapsed",
            "50.4 half_open->open probe failed: unavailable",
            "60.4 open->half_open open_for 10s elapsed",
            "60.5 half_open->closed 1 of 1 probes succeeded",
        ])
        #expect(summary.breakerStates == [.closed])
        #expect(summary.endedAt == .seconds(80))  // the last request (79.9 s) ends at 80.0 s
    }

    @Test func requestAndAttemptAccounting() {
        var recorder = CollectingRecorder()
        let summary = Simulator.run(Plan(Self.experiment), recorder: &recorder)
        // Rejected while open: 30.5 … 40.3, 40.5 … 50.3, 50.5 … 60.3 (99 each).
        #expect(recorder.rejections.count == 297)
        #expect(recorder.requests.count == 800)
        #expect(recorder.count(.failed) == 5 + 297 + 2)
        #expect(recorder.count(.ok) == 800 - 304)
        #expect(recorder.attempts.count == 800 - 297)
        #expect(summary.requests == 800 && summary.attempts == 503 && summary.transitions == 7)
        let failedAttempts = recorder.attempts.filter { $0.result == .failure(.unavailable) }
        #expect(failedAttempts.map(\.startedAt.seconds) == [30.0, 30.1, 30.2, 30.3, 30.4, 40.4, 50.4])
        // Successful requests take the provider's 100 ms; rejected ones end at once.
        let ok = recorder.requests.filter { $0.outcome == .ok }
        #expect(ok.allSatisfy { $0.endedAt - $0.scheduledAt == .milliseconds(100) })
        #expect(recorder.requests.filter { $0.attempts == 0 }.allSatisfy { $0.endedAt == $0.scheduledAt })
    }

    @Test func samplesArriveInTimeOrder() {
        var recorder = CollectingRecorder()
        _ = Simulator.run(Plan(Self.experiment), recorder: &recorder)
        var last = TimeSpan.zero
        for entry in recorder.entries {
            let time: TimeSpan
            switch entry {
            case .request(let r): time = r.endedAt
            case .attempt(let a): time = a.endedAt
            case .rejection(_, let t): time = t
            case .transition(let t): time = t.at
            }
            #expect(time >= last)
            last = time
        }
    }
}
