import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// Every live client against the fake over real sockets on 127.0.0.1.
@Suite struct ClientAgainstFakeTests {
    static let timeout = TimeSpan.seconds(10)
    static let fullAnswer = "This is a simulated answer from the airm fake provider."

    @Test(arguments: liveKinds)
    func answers(_ kind: Provider.Kind) async throws {
        try await withFakeServer { port, http in
            let outcome = await client(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", maxTokens: 4), timeout: Self.timeout)
            guard case .success(let text, let ttft, let tokens) = outcome else {
                Issue.record("\(kind): \(outcome)")
                return
            }
            #expect(text == "This is a simulated")
            #expect(ttft > .zero)
            #expect(tokens == (kind == .huggingface ? 0 : 4))
        }
    }

    @Test(arguments: liveKinds)
    func streams(_ kind: Provider.Kind) async throws {
        try await withFakeServer { port, http in
            let outcome = await client(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout)
            guard case .success(let text, let ttft, let tokens) = outcome else {
                Issue.record("\(kind): \(outcome)")
                return
            }
            #expect(text == Self.fullAnswer)
            #expect(ttft > .zero)
            #expect(tokens == 11)
        }
    }

    @Test func huggingFaceRouterSpeaksTheOpenAIWire() async throws {
        try await withFakeServer { port, http in
            let router = try #require(ProviderClients.make(for: provider(.huggingface, port: port, prefix: "/v1"), http: http))
            let outcome = await router.complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout)
            #expect(outcome.text == Self.fullAnswer)
        }
    }

    // MARK: - Failures

    struct Case: Sendable, CustomTestStringConvertible {
        var decision: FakeDecision
        var stream: Bool
        var expected: ErrorKind
        var status: Int?
        var testDescription: String { "\(decision.action)\(stream ? " streamed" : "") → \(expected)" }
    }

    static let cases: [Case] = [
        Case(decision: FakeDecision(.error(status: 429, retryAfter: .seconds(3))), stream: false, expected: .rateLimited, status: 429),
        Case(decision: FakeDecision(.error(status: 503, retryAfter: nil)), stream: true, expected: .unavailable, status: 503),
        Case(decision: FakeDecision(.error(status: 500, retryAfter: nil)), stream: false, expected: .serverError, status: 500),
        Case(decision: FakeDecision(.error(status: 403, retryAfter: nil)), stream: false, expected: .auth, status: 403),
        Case(decision: FakeDecision(.error(status: 400, retryAfter: nil)), stream: false, expected: .badRequest, status: 400),
        Case(decision: FakeDecision(.error(status: 422, retryAfter: nil)), stream: true, expected: .badRequest, status: 422),
        Case(decision: FakeDecision(.cutStream(afterTokens: 2, reset: false)), stream: true, expected: .connection),
        Case(decision: FakeDecision(.cutStream(afterTokens: 2, reset: true)), stream: true, expected: .connection),
        Case(decision: FakeDecision(.cutStream(afterTokens: 0, reset: false)), stream: false, expected: .connection),
        Case(decision: FakeDecision(.close), stream: false, expected: .connection),
        Case(decision: FakeDecision(.corrupt(.truncate)), stream: false, expected: .corrupt),
        Case(decision: FakeDecision(.corrupt(.malformed)), stream: true, expected: .corrupt),
        Case(decision: FakeDecision(.corrupt(.empty)), stream: false, expected: .corrupt),
        Case(decision: FakeDecision(.corrupt(.empty)), stream: true, expected: .corrupt),
        Case(decision: FakeDecision(.corrupt(.wrongSchema)), stream: false, expected: .corrupt),
        Case(decision: FakeDecision(.corrupt(.wrongSchema)), stream: true, expected: .corrupt),
    ]

    @Test(arguments: cases)
    func classifiesEachFailure(_ item: Case) async throws {
        for kind in liveKinds {
            let script = ScriptedBehavior([item.decision])
            try await withFakeServer(script) { port, http in
                let outcome = await client(kind, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", stream: item.stream), timeout: Self.timeout)
                guard case .failure(let errorKind, let retryAfter, let status, _) = outcome else {
                    Issue.record("\(kind): expected \(item.expected), got \(outcome)")
                    return
                }
                #expect(errorKind == item.expected, "\(kind)")
                #expect(status == item.status, "\(kind)")
                if item.expected == .rateLimited { #expect(retryAfter == .seconds(3), "\(kind)") }
            }
        }
    }

    @Test func safetyBlocksAreBlocked() async throws {
        for (kind, stream) in [(Provider.Kind.gemini, false), (.gemini, true), (.openai, false), (.openai, true)] {
            try await withFakeServer(ScriptedBehavior([FakeDecision(.blocked)])) { port, http in
                let outcome = await client(kind, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: Self.timeout)
                #expect(outcome.errorKind == .blocked, "\(kind) stream \(stream): \(outcome)")
            }
        }
    }

    @Test func huggingFaceColdStartIsUnavailableWithTheEstimate() async throws {
        try await withFakeServer(ScriptedBehavior([FakeDecision(.coldStart(estimatedTime: .seconds(20)))])) { port, http in
            let outcome = await client(.huggingface, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout)
            #expect(outcome == .failure(.unavailable, retryAfter: .seconds(20), status: 503,
                                        message: "Model mistralai/Mistral-7B-Instruct-v0.3 is currently loading"))
        }
    }

    @Test(arguments: liveKinds)
    func missingKeyIsAuth(_ kind: Provider.Kind) async throws {
        try await withFakeServer { port, http in
            let outcome = await client(kind, port: port, http: http, key: nil)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout)
            #expect(outcome.errorKind == .auth)
        }
    }

    @Test func aHangingProviderTimesOut() async throws {
        try await withFakeServer(ScriptedBehavior([FakeDecision(.hang), FakeDecision(.hang)])) { port, http in
            for stream in [false, true] {
                let outcome = await client(.cohere, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: .milliseconds(200))
                #expect(outcome.errorKind == .timeout)
            }
        }
    }

    @Test func aRefusedConnectionIsUnavailable() async throws {
        let http = ProviderClients.makeHTTPClient()
        let refused = client(.openai, port: 1, http: http)
        // The refusal comes at once; the generous limit only keeps a busy test machine (whose
        // cooperative pool other suites may hold for seconds) from turning it into a timeout.
        let outcome = await refused.complete(CompletionRequest(prompt: "Hi"), timeout: .seconds(120))
        try await http.shutdown()
        #expect(outcome.errorKind == .unavailable, "\(outcome)")
    }
}
