import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The provider catalog as seen from outside: every wired type has a client and a fake.
@Suite struct ProviderCatalogTests {
    @Test func everyProviderTypeButSimulatedHasAClient() throws {
        let http = ProviderClients.makeHTTPClient()
        defer { try? http.syncShutdown() }
        for kind in Provider.Kind.allCases {
            let made = ProviderClients.make(for: provider(kind, port: 1), http: http)
            #expect((made == nil) == (kind == .simulated), "\(kind)")
        }
    }

    @Test func everyWiredTypeIsServedByTheFake() async throws {
        let wired = Provider.Kind.allCases.filter { $0 != .simulated }
        try await withFakeServer { port, http in
            for kind in wired {
                let outcome = await client(kind, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", maxTokens: 2), timeout: .seconds(10))
                #expect(outcome.text == "This is", "\(kind): \(outcome)")
            }
        }
    }

    @Test func theFakeAnswersGeminiOnV1AsOnV1beta() async throws {
        try await withFakeServer { port, http in
            let body = #"{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":2}}"#
            for version in ["v1", "v1beta"] {
                let response = try await raw(http, port: port, "/\(version)/models/gemini-2.0-flash:generateContent",
                                             headers: [("x-goog-api-key", "k")], body: body)
                #expect(response.status == 200, "\(version)")
                #expect(response.json?["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.string == "This is")
            }
        }
    }
}
