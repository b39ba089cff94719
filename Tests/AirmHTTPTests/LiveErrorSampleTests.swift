import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import NIOCore
import NIOPosix
import Testing

/// A live failure keeps its cause: where the call went and what the OS or the provider said.
@Suite struct LiveErrorSampleTests {
    static func source(endpoint: String) -> String {
        """
        version: 1
        name: causes
        duration: 500ms
        providers:
          primary: { type: openai, endpoint: "\(endpoint)", api_key: secret-key-value }
        policy:
          timeout: 2s
          breaker: { consecutive_failures: 100 }
        traffic:
          - { name: chat, rate: 20/s }
        """
    }

    static func run(endpoint: String) async throws -> RunResult {
        let loaded = ExperimentLoader.load(source: source(endpoint: endpoint), file: "causes.yaml", environment: [:])
        let experiment = try #require(loaded.experiment, "\(loaded.diagnostics)")
        let http = ProviderClients.makeHTTPClient()
        let transports = experiment.providers.map { provider in
            ProviderClients.make(for: provider, http: http).map { FaultTransport(provider: provider.kind, client: $0) }
        }
        let result = await LiveRun(Plan(experiment, choices: .init(mode: .live)), transports: transports)
            .run(startedAt: "2026-01-01T00:00:00Z")
        try await http.shutdown()
        return result
    }

    /// A port nobody listens on: found by binding one and closing it again.
    static func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 9
        try await channel.close()
        return port
    }

    @Test func aRefusedPortNamesTheEndpointAndTheOSError() async throws {
        let port = try await Self.closedPort()
        let result = try await Self.run(endpoint: "http://127.0.0.1:\(port)/v1")
        let samples = try #require(result.providers["primary"]?.errorSamples?["unavailable"], "\(result.providers)")
        #expect(samples.count >= 1 && samples.count <= ErrorSamples.perKind)
        #expect(samples[0].hasPrefix("http://127.0.0.1:\(port)/v1: "), "\(samples)")
        #expect(samples[0].localizedCaseInsensitiveContains("refused"), "\(samples)")
        #expect(!samples.joined().contains("secret-key-value"))
    }

    @Test func anUnknownHostNamesTheHost() async throws {
        let result = try await Self.run(endpoint: "http://no-such-host.invalid/v1")
        let samples = (result.providers["primary"]?.errorSamples ?? [:]).values.flatMap { $0 }
        #expect(!samples.isEmpty, "\(result.providers)")
        #expect(samples.allSatisfy { $0.hasPrefix("http://no-such-host.invalid/v1: ") }, "\(samples)")
    }

    @Test func simulationKeepsNoSamples() throws {
        let loaded = ExperimentLoader.load(source: Self.source(endpoint: "http://127.0.0.1:9/v1"), file: "c.yaml", environment: [:])
        let result = Simulation.run(Plan(try #require(loaded.experiment)), startedAt: "2026-01-01T00:00:00Z")
        #expect(result.providers["primary"]?.errorSamples == nil)
    }
}
