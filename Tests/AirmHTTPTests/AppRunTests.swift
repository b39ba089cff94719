import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation
import Testing

/// The app-mode driver over real sockets: traffic from the run core to an HTTP service, judged by
/// `ok_when` (docs/app-mode.md "Traffic to the app"). The service here is airm's own fake.
@Suite struct AppRunTests {
    static func plan(port: Int, okWhen: String = "2xx", traffic: String = "[ { rate: 50/s } ]") throws -> Plan {
        let text = """
        name: app-run
        mode: app
        duration: 400ms
        app:
          request:
            post: http://127.0.0.1:\(port)/v1/chat/completions
            json: { model: m, messages: [ { role: user, content: hi } ] }
            headers: { authorization: "Bearer k" }
            timeout: 2s
            ok_when: { status: \(okWhen) }
        providers: { openai: {} }
        traffic: \(traffic)
        """
        let loaded = ExperimentLoader.load(source: text, file: "app-run.yaml", environment: [:])
        return Plan(try #require(loaded.experiment, "\(loaded.diagnostics.map(\.description))"))
    }

    static func run(_ plan: Plan) async throws -> (RunResult, [String: Int], Int) {
        let request = try #require(plan.experiment.app).request
        let http = ProviderClients.makeHTTPClient()
        let app = AppRun(plan, client: AppClient(request: request, http: http))
        await app.run(from: ContinuousClock.now)
        let result = await app.result(startedAt: "2026-01-01T00:00:00Z", finalStates: [.closed])
        let classes = await app.statusClasses
        let sends = await app.lateness.count
        try await http.shutdown()
        return (result, classes, sends)
    }

    @Test func everyArrivalIsOneRequestToTheApp() async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, _ in
            let (result, classes, sends) = try await Self.run(try Self.plan(port: port))
            #expect(result.summary.requests == 20)
            #expect(result.summary.ok == 20)
            #expect(classes == ["2xx": 20])
            #expect(sends == 20)
            // The app's answers are not provider calls: those come from the fakes.
            #expect((result.providers["openai"]?.calls ?? 0) == 0)
            #expect(await behavior.calls.count == 20)
        }
    }

    @Test func okWhenDecidesWhatSucceeds() async throws {
        try await withFakeServer(ScriptedBehavior([], then: FakeDecision(.error(status: 503, retryAfter: nil)))) { port, _ in
            let (result, classes, _) = try await Self.run(try Self.plan(port: port, okWhen: "[200, 503]"))
            #expect(result.summary.ok == 20)
            #expect(classes == ["5xx": 20])
            let (strict, _, _) = try await Self.run(try Self.plan(port: port))
            #expect(strict.summary.failed == 20)
        }
    }

    @Test func closedModelUsersWaitForTheirAnswer() async throws {
        try await withFakeServer(ScriptedBehavior([], then: .answer(after: .milliseconds(100)))) { port, _ in
            let (result, _, _) = try await Self.run(try Self.plan(port: port, traffic: "[ { users: 2 } ]"))
            // Two users, each waiting for its 100 ms answer before sending again, for 400 ms: at
            // most 4 requests each, and each user sends at least once.
            #expect((2...8).contains(result.summary.requests), "\(result.summary.requests)")
            #expect(result.summary.ok == result.summary.requests)
        }
    }

    @Test func aStopAfterTheLastArrivalLeavesTheRunComplete() async throws {
        // Answers take 1.5 s, so the run is still draining when a loaded machine gets to look.
        try await withFakeServer(FixedLatencyBehavior(latency: .milliseconds(1500))) { port, http in
            let plan = try Self.plan(port: port)
            let app = AppRun(plan, client: AppClient(request: try #require(plan.experiment.app).request, http: http))
            let running = Task { await app.run(from: ContinuousClock.now) }
            // Past the duration with answers still to come: the run is draining.
            while await app.progress().elapsed < plan.duration { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await app.progress().inFlight > 0)
            await app.stop(reason: "interrupted by SIGINT")
            await running.value
            let result = await app.result(startedAt: "2026-01-01T00:00:00Z", finalStates: [.closed])
            #expect(result.verdict != .interrupted)
            #expect(result.stopReason == nil)
            #expect(result.summary.requests == 20)
        }
    }
}
