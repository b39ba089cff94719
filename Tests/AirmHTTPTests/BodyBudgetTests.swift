import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// Answers in flight share one body budget, which counts what reading them holds (each buffer's
/// capacity and a share per connection): an answer that finds it full ends there and is counted
/// `corrupt`, over real sockets on 127.0.0.1.
@Suite struct BodyBudgetTests {
    static let size = 600_000
    /// What reading a 600,000-byte answer holds: a 1 MiB buffer and the connection's share.
    static let held = 1_048_576 + BodyBudget.perConnection

    static func answerBody() -> String {
        let text = String(repeating: "a", count: size)
        return #"{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":""#
            + text + #""},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#
    }

    static func bigAnswer() -> String {
        CannedServer.response(status: 200, headers: [], body: answerBody())
    }

    /// The same answer with no `content-length`: it ends when the server closes the connection.
    static func undeclaredAnswer(body: String = answerBody()) -> String {
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n" + body
    }

    static func call(_ port: Int, budget: BodyBudget, http: HTTPClient,
                     timeout: TimeSpan = .seconds(10)) async -> CompletionOutcome {
        let client = HTTPProviderClient(wire: OpenAIWire(model: "m", apiKey: "k"), baseURL: "http://127.0.0.1:\(port)/v1",
                                        http: http, budget: budget)
        return await client.complete(CompletionRequest(prompt: "Hi"), timeout: timeout)
    }

    static func expectDropped(_ outcome: CompletionOutcome) {
        guard case .failure(let kind, _, _, let message) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(kind == .corrupt)
        #expect(message.contains("body budget"))
    }

    @Test func anAnswerPastTheBudgetIsCountedCorrupt() async throws {
        let server = try CannedServer(response: Self.bigAnswer())
        defer { server.stop() }
        let http = ProviderClients.makeHTTPClient()
        let budget = BodyBudget(limit: 2_000_000)
        // Other answers in flight hold most of the budget.
        #expect(budget.reserve(1_500_000))
        Self.expectDropped(await Self.call(server.port, budget: budget, http: http))
        #expect(budget.used == 1_500_000)

        budget.release(1_500_000)
        let kept = await Self.call(server.port, budget: budget, http: http)
        try await http.shutdown()
        guard case .success(let text, _, _) = kept else {
            Issue.record("expected the answer, got \(kept)")
            return
        }
        #expect(text.count == Self.size)
        #expect(budget.used == 0)
    }

    /// 600,000 bytes fit in a 1,200,000-byte budget, but the buffer that holds them does not.
    @Test(arguments: [false, true])
    func theBudgetCountsBufferCapacityNotBytes(declared: Bool) async throws {
        #expect(Self.held > 1_200_000)
        let server = try CannedServer(response: declared ? Self.bigAnswer() : Self.undeclaredAnswer())
        defer { server.stop() }
        let http = ProviderClients.makeHTTPClient()
        let budget = BodyBudget(limit: 1_200_000)
        Self.expectDropped(await Self.call(server.port, budget: budget, http: http))
        #expect(budget.used == 0)

        budget.limit = Self.held
        let kept = await Self.call(server.port, budget: budget, http: http)
        try await http.shutdown()
        guard case .success(let text, _, _) = kept else {
            Issue.record("expected the answer, got \(kept)")
            return
        }
        #expect(text.count == Self.size)
        #expect(budget.used == 0)
    }

    /// A server that sends part of an answer and then nothing: an answer that finds the budget
    /// full ends at once as `corrupt` instead of holding its connection until the timeout.
    @Test func anAnswerThatFindsTheBudgetFullEndsThere() async throws {
        let part = String(Self.answerBody().prefix(1000))
        let server = try CannedServer(response: Self.undeclaredAnswer(body: part), holdsOpen: true)
        defer { server.stop() }
        let http = ProviderClients.makeHTTPClient()
        let budget = BodyBudget(limit: 2_000_000)
        #expect(budget.reserve(1_900_000))
        let outcome = await Self.call(server.port, budget: budget, http: http, timeout: .seconds(60))
        try await http.shutdown()
        Self.expectDropped(outcome)
        #expect(budget.used == 1_900_000)
    }
}
