import AirmSpec
import Testing
@testable import AirmEngine

@Suite("MetricsRecorder counts and latencies")
struct MetricsRecorderTests {
    @Test("requests are counted by outcome, run-wide and per stream")
    func outcomes() {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(MetricsFixtures.request(at: 1, .ok, attempts: 1))
            r.record(MetricsFixtures.request(at: 2, .fallback, attempts: 3))
            r.record(MetricsFixtures.request(MetricsFixtures.batch, at: 3, .degraded, attempts: 2))
            r.record(MetricsFixtures.request(MetricsFixtures.batch, at: 4, .failed, attempts: 2))
            r.record(MetricsFixtures.request(at: 5, .dropped))
        }
        #expect(recorder.requests(frame: 0) == RequestTally(ok: 1, fallback: 1, degraded: 1, failed: 1, dropped: 1, attempts: 8))
        #expect(recorder.requests(frame: 0, stream: MetricsFixtures.chat) == RequestTally(ok: 1, fallback: 1, dropped: 1, attempts: 4))
        #expect(recorder.requests(frame: 0, stream: MetricsFixtures.batch) == RequestTally(degraded: 1, failed: 1, attempts: 4))
        #expect(recorder.requests(frame: 0).requests == 5)
    }

    @Test("dropped requests have no latency")
    func droppedHaveNoLatency() {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(MetricsFixtures.request(at: 1, latency: 0.2, .ok))
            r.record(MetricsFixtures.request(at: 1, .dropped))
        }
        let latency = recorder.latency(frame: 0, scope: 0)
        #expect(latency?.count == 1)
        #expect(latency?.milliseconds(.max) == 200)
    }

    @Test("answered latency keeps ok and fallback requests only, run-wide and per stream")
    func answeredLatency() {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(MetricsFixtures.request(at: 1, latency: 0.4, .ok))
            r.record(MetricsFixtures.request(at: 2, latency: 0.9, .fallback))
            r.record(MetricsFixtures.request(at: 3, latency: 0.001, .failed))
            r.record(MetricsFixtures.request(MetricsFixtures.batch, at: 4, latency: 0.002, .degraded))
        }
        let layout = recorder.layout
        #expect(recorder.latency(frame: 0, scope: layout.runLatencyScope())?.count == 4)
        let answered = recorder.latency(frame: 0, scope: layout.answeredLatencyScope(layout.runLatencyScope()))
        #expect(answered?.count == 2)
        #expect(answered?.milliseconds(.max) == 900)
        let chat = recorder.latency(frame: 0, scope: layout.answeredLatencyScope(layout.streamLatencyScope(MetricsFixtures.chat)))
        #expect(chat?.count == 2)
        let batch = recorder.latency(frame: 0, scope: layout.answeredLatencyScope(layout.streamLatencyScope(MetricsFixtures.batch)))
        #expect(batch?.isEmpty == true)
    }

    @Test("no latency figure lies above the largest value recorded")
    func meanNeverAboveMax() throws {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            for i in 1...3 { r.record(MetricsFixtures.request(at: Double(i), latency: 0.7, .ok)) }
        }
        let summary = try #require(recorder.latency(frame: 0, scope: 0)?.summary)
        #expect(summary.max == 700)
        for figure in [summary.p50, summary.p90, summary.p95, summary.p99, summary.mean] { #expect(figure <= summary.max) }
    }

    @Test("attempts count calls, successes and errors by kind; rejections apart")
    func providerCounts() {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(MetricsFixtures.attempt(at: 1))
            r.record(MetricsFixtures.attempt(at: 2, .success(slow: true)))
            r.record(MetricsFixtures.attempt(at: 3, .failure(.timeout)))
            r.record(MetricsFixtures.attempt(at: 4, .failure(.unavailable)))
            r.record(MetricsFixtures.attempt(at: 5, .failure(.unavailable)))
            r.record(MetricsFixtures.attempt(MetricsFixtures.cohere, at: 5))
            r.recordRejection(provider: MetricsFixtures.gemini, at: .seconds(6))
            r.recordRejection(provider: MetricsFixtures.gemini, at: .seconds(7))
        }
        let gemini = recorder.provider(MetricsFixtures.gemini, frame: 0)
        #expect(gemini.calls == 5)
        #expect(gemini.successes == 2)
        #expect(gemini.rejected == 2)
        #expect(gemini.errors(.timeout) == 1)
        #expect(gemini.errors(.unavailable) == 2)
        #expect(gemini.failures == 3)
        #expect(recorder.provider(MetricsFixtures.cohere, frame: 0).calls == 1)
    }

    @Test("percentiles follow the recorded latencies within HDR precision")
    func percentiles() throws {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            // 1000 requests with latencies 1ms, 2ms, …, 1000ms.
            for i in 1...1000 {
                r.record(MetricsFixtures.request(at: Double(i) / 10, latency: Double(i) / 1000))
            }
        }
        let latency = try #require(recorder.latency(frame: 0, scope: 0))
        let expected: [(Metric.Percentile, Double)] = [(.p50, 500), (.p90, 900), (.p95, 950), (.p99, 990),
                                                       (.p999, 999), (.max, 1000), (.mean, 500.5)]
        for (percentile, value) in expected {
            let observed = latency.milliseconds(percentile)
            #expect(abs(observed - value) <= value * 0.001 + 0.001, "\(percentile): \(observed) vs \(value)")
        }
    }

    @Test("end-to-end latency runs from the scheduled arrival; attempt latency from its start")
    func latencyOrigins() throws {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(RequestSample(stream: 0, scheduledAt: .seconds(10), endedAt: .seconds(12.5), outcome: .ok, attempts: 1))
            r.record(AttemptSample(provider: 0, startedAt: .seconds(12), endedAt: .seconds(12.5), result: .success(slow: false)))
        }
        let requests = try #require(recorder.latency(frame: 0, scope: recorder.layout.runLatencyScope()))
        let stream = try #require(recorder.latency(frame: 0, scope: recorder.layout.streamLatencyScope(0)))
        let gemini = try #require(recorder.latency(frame: 0, scope: recorder.layout.providerLatencyScope(0)))
        #expect(requests.milliseconds(.max) == 2500)
        #expect(stream.milliseconds(.max) == 2500)
        #expect(gemini.milliseconds(.max) == 500)
    }

    @Test("requests are attributed to windows by scheduled time, attempts and rejections by start")
    func windowAttribution() throws {
        let during = Assertion(check: .expect(MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)),
                               window: .during("gemini-outage"))
        let experiment = MetricsFixtures.experiment(assertions: [during])
        let recorder = MetricsFixtures.recorder(experiment) { r in
            // Scheduled before the outage, finished inside it: not in the window.
            r.record(MetricsFixtures.request(at: 29.9, latency: 5, .failed))
            // Scheduled inside, finished after it: in the window.
            r.record(MetricsFixtures.request(at: 59.9, latency: 5, .fallback))
            r.record(MetricsFixtures.request(at: 30, .ok))
            // The window is [start, end): 60s is out.
            r.record(MetricsFixtures.request(at: 60, .ok))
            r.record(MetricsFixtures.attempt(at: 29.5, latency: 1, .failure(.timeout)))
            r.record(MetricsFixtures.attempt(at: 31, .failure(.unavailable)))
            r.recordRejection(provider: 0, at: .seconds(45))
            r.recordRejection(provider: 0, at: .seconds(61))
        }
        let frame = try #require(recorder.frame(for: Timeline.Span(start: .seconds(30), end: .seconds(60))))
        #expect(frame == 1)
        #expect(recorder.requests(frame: frame) == RequestTally(ok: 1, fallback: 1, attempts: 2))
        let gemini = recorder.provider(0, frame: frame)
        #expect(gemini.calls == 1)
        #expect(gemini.errors(.unavailable) == 1)
        #expect(gemini.errors(.timeout) == 0)
        #expect(gemini.rejected == 1)
        #expect(recorder.requests(frame: 0).requests == 4)
    }

    @Test("window latency histograms exist only where an expectation reads latency")
    func windowHistograms() {
        let latency = Assertion(check: .expect(MetricsFixtures.expect("gemini.latency.p99 < 2s", .latency(.p99), .less, 2000, scope: "gemini")),
                                window: .during("gemini-outage"))
        let rate = Assertion(check: .expect(MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)),
                             window: .before("gemini-outage"))
        let recorder = MetricsRecorder(plan: Plan(MetricsFixtures.experiment(assertions: [latency, rate])))
        #expect(recorder.plan.frames.count == 2)
        #expect(recorder.latency(frame: 1, scope: recorder.layout.providerLatencyScope(0)) != nil)
        #expect(recorder.latency(frame: 1, scope: recorder.layout.runLatencyScope()) == nil)
        #expect(recorder.latency(frame: 2, scope: recorder.layout.runLatencyScope()) == nil)
        // Run-wide: the run, two streams, two providers, and the answered run and streams.
        #expect(recorder.histograms.count == 5 + 3 + 1)
    }

    @Test("a window reaching the end of the run also counts samples from the drain")
    func windowToEnd() throws {
        let after = Assertion(check: .expect(MetricsFixtures.expect("gemini.calls > 0", .calls, .greater, 0, scope: "gemini")),
                              window: .after("gemini-outage"))
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment(assertions: [after])) { r in
            r.record(MetricsFixtures.attempt(at: 179))
            r.record(MetricsFixtures.attempt(at: 185))
        }
        let frame = try #require(recorder.frame(for: Timeline.Span(start: .seconds(60), end: .seconds(180))))
        #expect(recorder.provider(0, frame: frame).calls == 2)
    }

    @Test("the whole-run window shares frame 0")
    func runWindowIsFrameZero() {
        let run = Assertion(check: .expect(MetricsFixtures.expect("success_rate >= 99%", .successRate, .greaterOrEqual, 0.99)))
        let recorder = MetricsRecorder(plan: Plan(MetricsFixtures.experiment(assertions: [run])))
        #expect(recorder.plan.frames.isEmpty)
        #expect(recorder.frame(for: Timeline.Span(start: .zero, end: .seconds(180))) == 0)
    }

    @Test("counter slots follow the enums' case order")
    func slots() {
        #expect(CounterLayout.providerBlock == 3 + ErrorKind.allCases.count)
        #expect(CounterLayout.errorKinds == ErrorKind.allCases.count)
        #expect(ErrorKind.allCases.map(CounterLayout.slot(of:)) == Array(ErrorKind.allCases.indices))
        #expect(RequestOutcome.allCases.map(CounterLayout.slot(of:)) == Array(RequestOutcome.allCases.indices))
    }

    @Test("snapshots report the figures so far")
    func snapshots() {
        let recorder = MetricsFixtures.recorder(MetricsFixtures.experiment()) { r in
            r.record(MetricsFixtures.request(at: 1, .ok))
            r.record(MetricsFixtures.request(at: 2, .failed))
            r.record(MetricsFixtures.attempt(at: 1, .failure(.rateLimited)))
        }
        #expect(recorder.summary.requests == 2)
        #expect(recorder.summary.successRate == 0.5)
        #expect(recorder.providerSummaries["gemini"]?.errors == ["rate_limited": 1])
        #expect(recorder.providerSummaries["cohere"]?.calls == 0)
    }
}
