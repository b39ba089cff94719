import AirmEngine
import AirmHTTP
import AirmServe
import AirmSpec
import Testing

/// The gateway calling a provider over the wire: `airm fake-providers`' Gemini on 127.0.0.1,
/// through the fault transport.
@Suite struct LiveProviderTests {
    @Test func callsGoOverTheWireAndInjectedFaultsAlterThem() async throws {
        let server = FakeProviderServer()
        let http = ProviderClients.makeHTTPClient()
        let (ports, readiness) = AsyncStream.makeStream(of: Int.self)
        let serving = Task {
            defer { readiness.finish() }
            try await server.run { port in readiness.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let source = """
        providers:
          gemini: { type: gemini, endpoint: "http://127.0.0.1:\(port)", api_key: test-key }
          spare: { type: simulated, simulate: { latency: 1ms } }
        policy: { route: [gemini, spare], retry: { max_attempts: 1 } }
        """
        let experiment = try ServeHarness.experiment(source)
        let transports = ServeSetup.transports(for: experiment, simulate: false, http: http)
        #expect(transports.map { $0 != nil } == [true, false])
        #expect(ServeSetup.transports(for: experiment, simulate: true, http: http).allSatisfy { $0 == nil })
        let gateway = Gateway(Plan(experiment), transports: transports)

        let answered = await gateway.call(Gateway.Call(prompt: "hello"))
        #expect(answered.outcome == .ok && answered.provider == "gemini")
        #expect(answered.answer?.isEmpty == false)
        let streamed = await gateway.call(Gateway.Call(prompt: "hello", stream: true))
        #expect(streamed.outcome == .ok && streamed.provider == "gemini")

        let fault = Fault(name: "quota", target: .providers(["gemini"]), kind: RateLimitFault(), end: .for(.seconds(60)))
        _ = try await gateway.inject(fault).get()
        let limited = await gateway.call(Gateway.Call(prompt: "hello"))
        #expect(limited.outcome == .fallback && limited.provider == "spare" && limited.fault == "quota")
        #expect(await gateway.breakers().first?.lastError?.kind == .rateLimited)

        await gateway.drain()
        try await http.shutdown()
        serving.cancel()
        _ = try? await serving.value
    }
}
