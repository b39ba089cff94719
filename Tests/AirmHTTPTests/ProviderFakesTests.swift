import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// A fake per provider on its own port, on the experiment's schedule in wall time
/// (docs/app-mode.md "The fakes").
@Suite struct ProviderFakesTests {
    static func plan(_ faults: String, providers: String = "  openai: { type: openai }\n  cohere: { type: cohere }") throws -> Plan {
        let text = """
        name: fakes
        duration: 10s
        providers:
        \(providers)
        traffic: [ { rate: 1/s } ]
        faults:
        \(faults)
        """
        let loaded = ExperimentLoader.load(source: text, file: "fakes.yaml", environment: [:])
        return Plan(try #require(loaded.experiment, "\(loaded.diagnostics.map(\.description))"))
    }

    @Test(arguments: [
        ("  - { name: a, target: openai, type: unavailable, at: 1s, for: 2s }", [1000, 3000]),
        ("  - { name: a, target: openai, type: unavailable, at: 1s, for: 2s }\n  - { name: b, target: openai, type: unavailable, at: 2s, for: 3s }", [1000, 5000]),
        ("  - { name: a, target: openai, type: unavailable, at: 1s, for: 1s }\n  - { name: b, target: openai, type: unavailable, at: 4s, for: 1s }", [1000, 2000, 4000, 5000]),
        ("  - { name: a, target: openai, type: unavailable, at: 1s, for: 1s, probability: 50% }", []),
        ("  - { name: a, target: openai, type: unavailable, at: 1s, for: 1s, delay: 100ms }", []),
        ("  - { name: a, target: cohere, type: unavailable, at: 1s, for: 1s }", []),
        ("  - { name: a, target: openai, type: error, at: 1s, for: 1s }", []),
        ("  - { name: a, target: \"*\", type: unavailable, at: 1s, for: 1s }", [1000, 2000]),
    ])
    func listenersCloseForCertainUnavailableFaults(faults: String, edges: [Int]) throws {
        let windows = ListenerOutages.windows(try Self.plan(faults), provider: "openai")
        #expect(windows.flatMap { [Int($0.start.milliseconds), Int($0.end.milliseconds)] } == edges)
    }

    /// A connection refused at the socket, as `unavailable` must be.
    static func refuses(_ url: String, http: HTTPClient) async -> Bool {
        var request = HTTPClientRequest(url: url + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer k")
        request.body = .bytes(ByteBuffer(string: #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#))
        do {
            _ = try await http.execute(request, timeout: .seconds(2))
            return false
        } catch {
            return "\(error)".lowercased().contains("refused")
        }
    }

    @Test func unavailableClosesTheListenerThenReopensTheSamePort() async throws {
        // The first call answers in 5 ms, well before the listener closes at 1 s, even on a loaded machine.
        let plan = try Self.plan("""
          - { name: down, target: openai, type: unavailable, at: 1s, for: 1500ms }
          - { name: broken, target: cohere, type: error, status: 500, at: 0s, for: 10s }
        """, providers: "  openai: { type: openai, simulate: { latency: 5ms } }\n  cohere: { type: cohere, simulate: { latency: 5ms } }")
        let fakes = ProviderFakes(plan)
        let endpoints = try await fakes.open()
        #expect(endpoints.map(\.provider) == ["openai", "cohere"])
        let http = ProviderClients.makeHTTPClient()
        let origin = ContinuousClock.now
        await fakes.start(at: origin)
        var failure: (any Error)?
        do {
            try await Self.check(endpoints, origin: origin, fakes: fakes, http: http)
        } catch {
            failure = error
        }
        try await http.shutdown()
        await fakes.close()
        if let failure { throw failure }
    }

    private static func check(_ endpoints: [ProviderFakes.Endpoint], origin: ContinuousClock.Instant, fakes: ProviderFakes,
                              http: HTTPClient) async throws {
        let openai = endpoints[0].url
        let port = openai.split(separator: ":").last.map(String.init)

        let before = try await raw(http, port: Int(port ?? "") ?? 0, "/v1/chat/completions", headers: [("authorization", "Bearer k")],
                                   body: #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#)
        #expect(before.status == 200)
        let cohere = try await raw(http, port: Int(endpoints[1].url.split(separator: ":").last ?? "") ?? 0, "/v2/chat",
                                   headers: [("authorization", "Bearer k")], body: #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#)
        #expect(cohere.status == 500)

        // Polled, not slept: the first refusal comes once the window has begun, the first answer
        // again once it is over, on the same port.
        var refusedAt: Duration?
        while ContinuousClock.now - origin < .seconds(6) {
            if await Self.refuses(openai, http: http) { refusedAt = ContinuousClock.now - origin; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let refused = try #require(refusedAt)
        #expect(refused >= .milliseconds(1000))
        var answeredAt: Duration?
        var answeredSentAt = Duration.zero
        while ContinuousClock.now - origin < .seconds(10) {
            let sent = ContinuousClock.now - origin
            if !(await Self.refuses(openai, http: http)) {
                (answeredAt, answeredSentAt) = (ContinuousClock.now - origin, sent)
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let answered = try #require(answeredAt)
        #expect(answered >= .milliseconds(2500))

        let log = await fakes.faults.log
        #expect(log.first?.provider == 0 && log.first?.result == .success(slow: false))
        #expect(log.contains { $0.provider == 1 && $0.result == .failure(.serverError) })
        // No call reached the listener between the first refusal seen and the sending of the first
        // call answered again (the window's own bounds would count a call accepted before it but
        // logged late on a loaded machine).
        let closed = TimeSpan(refused)..<TimeSpan(answeredSentAt)
        #expect(log.allSatisfy { $0.provider == 1 || !closed.contains($0.at) })
    }
}
