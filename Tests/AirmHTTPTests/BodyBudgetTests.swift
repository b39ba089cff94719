import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// Answers in flight share one body budget: an answer that finds it full is read, dropped and
/// counted `corrupt`, over real sockets on 127.0.0.1.
@Suite struct BodyBudgetTests {
    static let size = 600_000

    static func bigAnswer() -> String {
        let text = String(repeating: "a", count: size)
        let body = #"{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":""#
            + text + #""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#
        return CannedServer.response(status: 200, headers: [], body: body)
    }

    static func call(_ port: Int, budget: BodyBudget, http: HTTPClient) async -> CompletionOutcome {
        let client = HTTPProviderClient(wire: OpenAIWire(model: "m", apiKey: "k"), baseURL: "http://127.0.0.1:\(port)/v1",
                                        http: http, budget: budget)
        return await client.complete(CompletionRequest(prompt: "Hi"), timeout: .seconds(10))
    }

    @Test func anAnswerPastTheBudgetIsReadAndCountedCorrupt() async throws {
        let server = try CannedServer(response: Self.bigAnswer())
        defer { server.stop() }
        let http = ProviderClients.makeHTTPClient()
        let budget = BodyBudget(limit: 1_000_000)
        // Other answers in flight hold most of the budget.
        #expect(budget.reserve(900_000))
        let dropped = await Self.call(server.port, budget: budget, http: http)
        guard case .failure(let kind, _, _, let message) = dropped else {
            Issue.record("expected a failure, got \(dropped)")
            return
        }
        #expect(kind == .corrupt)
        #expect(message.contains("body budget"))
        #expect(budget.used == 900_000)

        budget.release(900_000)
        let kept = await Self.call(server.port, budget: budget, http: http)
        try await http.shutdown()
        guard case .success(let text, _, _) = kept else {
            Issue.record("expected the answer, got \(kept)")
            return
        }
        #expect(text.count == Self.size)
        #expect(budget.used == 0)
    }
}
