import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The live smoke test: one short experiment run both ways, in virtual time and live against the
/// fake over 127.0.0.1. The drivers' equivalence itself is tested in virtual time (RunCoreTests).
@Suite struct LiveRunTests {
    /// 3 s at 20 req/s against one OpenAI-compatible provider, refused for 1 s from 1 s.
    static func experimentSource(port: Int) -> String {
        """
        version: 1
        name: live-vs-simulated
        seed: 11
        duration: 3s
        providers:
          primary:
            type: openai
            endpoint: http://127.0.0.1:\(port)/v1
            api_key: test-key
            simulate: { latency: 2ms }
        policy:
          timeout: 1s
          retry: { max_attempts: 1 }
          breaker: { consecutive_failures: 3, open_for: 1500ms, half_open: { probes: 1, close_after: 1 } }
        traffic:
          - name: chat
            rate: 20/s
        faults:
          - name: outage
            target: primary
            type: unavailable
            at: 1s
            for: 1s
        assertions:
          - breaker: primary
            opens: { after: outage.start, within: 1s }
          - breaker: primary
            closes: { after: outage.end, within: 1s }
        """
    }

    static func transports(_ experiment: Experiment, http: HTTPClient) -> [FaultTransport?] {
        experiment.providers.map { provider in
            ProviderClients.make(for: provider, http: http).map { FaultTransport(provider: provider.kind, client: $0) }
        }
    }

    @Test func liveRunMatchesSimulation() async throws {
        try await withFakeServer { port, http in
            let loaded = ExperimentLoader.load(source: Self.experimentSource(port: port), file: "live.yaml", environment: [:])
            let experiment = try #require(loaded.experiment, "\(loaded.diagnostics)")
            let simulated = Simulation.run(Plan(experiment), startedAt: "2026-01-01T00:00:00Z")
            let live = await LiveRun(Plan(experiment, choices: .init(mode: .live)), transports: Self.transports(experiment, http: http))
                .run(startedAt: "2026-01-01T00:00:00Z")

            #expect(live.experiment.mode == .live)
            #expect(simulated.experiment.mode == .simulated)
            #expect(simulated.verdict == .passed)
            #expect(live.verdict == .passed, "\(live.assertions)")
            let expected = simulated.transitions.map { "\($0.provider) \($0.from)→\($0.to)" }
            let observed = live.transitions.map { "\($0.provider) \($0.from)→\($0.to)" }
            #expect(observed == expected)
            #expect(expected.count >= 3)
            for (a, b) in zip(simulated.transitions, live.transitions) {
                #expect(abs(a.atMs - b.atMs) <= 250, "\(a.from)→\(a.to): simulated \(a.atMs) ms, live \(b.atMs) ms")
            }
            #expect(abs(live.summary.requests - simulated.summary.requests) <= 1)
        }
    }

    @Test func aStopAfterTheLastArrivalLeavesTheRunComplete() async throws {
        // Answers wait at a gate until the stop, so the run is still draining however late we look.
        let gate = GatedBehavior()
        try await withFakeServer(gate) { port, http in
            let source = Self.experimentSource(port: port).replacingOccurrences(of: "duration: 3s", with: "duration: 300ms")
                .replacingOccurrences(of: "at: 1s\n    for: 1s", with: "at: 100ms\n    for: 100ms")
                .replacingOccurrences(of: "timeout: 1s", with: "timeout: 60s")
            let loaded = ExperimentLoader.load(source: source, file: "live.yaml", environment: [:])
            let experiment = try #require(loaded.experiment, "\(loaded.diagnostics)")
            let run = LiveRun(Plan(experiment, choices: .init(mode: .live)), transports: Self.transports(experiment, http: http))
            let running = Task { await run.run(startedAt: "2026-01-01T00:00:00Z") }
            // Past the duration with answers still to come: the run is draining.
            while await run.progress().elapsed < experiment.duration { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await run.progress().inFlight > 0)
            await run.stop(reason: "interrupted by SIGINT")
            await gate.open()
            let result = await running.value
            #expect(result.verdict != .interrupted)
            #expect(result.stopReason == nil)
            #expect(result.summary.requests >= 5)
        }
    }

    @Test func stopEndsTheRunInterruptedAfterDraining() async throws {
        try await withFakeServer(FixedLatencyBehavior(latency: .milliseconds(50))) { port, http in
            let loaded = ExperimentLoader.load(source: Self.experimentSource(port: port), file: "live.yaml", environment: [:])
            let experiment = try #require(loaded.experiment)
            let run = LiveRun(Plan(experiment, choices: .init(mode: .live)), transports: Self.transports(experiment, http: http))
            let running = Task { await run.run(startedAt: "2026-01-01T00:00:00Z") }
            // Stop once a few requests have arrived: polled on the run's own progress, not timed.
            while await run.progress().requests < 5 { try await Task.sleep(for: .milliseconds(10)) }
            await run.stop()
            let result = await running.value
            #expect(result.verdict == .interrupted)
            #expect(result.summary.requests < 100)
            let done = await run.progress()
            #expect(done.inFlight == 0)
            #expect(done.completed == done.requests)
        }
    }
}
