import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The Anthropic Messages client against the fake, over real sockets on 127.0.0.1.
@Suite struct AnthropicAgainstFakeTests {
    static let timeout = TimeSpan.seconds(10)

    @Test func answers() async throws {
        try await withFakeServer { port, http in
            let outcome = await client(.anthropic, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", maxTokens: 4), timeout: Self.timeout)
            guard case .success(let text, let ttft, let tokens) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(text == "This is a simulated")
            #expect(ttft > .zero)
            #expect(tokens == 4)
        }
    }

    @Test func streams() async throws {
        try await withFakeServer { port, http in
            let outcome = await client(.anthropic, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout)
            guard case .success(let text, let ttft, let tokens) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(text == ClientAgainstFakeTests.fullAnswer)
            #expect(ttft > .zero)
            #expect(tokens == 11)
        }
    }

    // MARK: - Error bodies

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var status: Int
        var type: String
        var expected: ErrorKind
        var testDescription: String { "\(status) \(type) → \(expected)" }
    }

    static let errorCases = [
        ErrorCase(status: 400, type: "invalid_request_error", expected: .badRequest),
        ErrorCase(status: 401, type: "authentication_error", expected: .auth),
        ErrorCase(status: 403, type: "permission_error", expected: .auth),
        ErrorCase(status: 404, type: "not_found_error", expected: .badRequest),
        ErrorCase(status: 413, type: "request_too_large", expected: .badRequest),
        ErrorCase(status: 429, type: "rate_limit_error", expected: .rateLimited),
        ErrorCase(status: 500, type: "api_error", expected: .serverError),
        ErrorCase(status: 529, type: "overloaded_error", expected: .unavailable),
    ]

    @Test(arguments: errorCases)
    func eachErrorBodyIsClassified(_ item: ErrorCase) async throws {
        let retryAfter: TimeSpan? = item.status == 429 ? .seconds(3) : nil
        for stream in [false, true] {
            let script = ScriptedBehavior([FakeDecision(.error(status: item.status, retryAfter: retryAfter)),
                                           FakeDecision(.error(status: item.status, retryAfter: retryAfter))])
            try await withFakeServer(script) { port, http in
                let response = try await raw(http, port: port, "/v1/messages", headers: AnthropicWireFormatTests.headers,
                                             body: AnthropicWireFormatTests.body(stream: stream))
                #expect(response.status == item.status)
                #expect(response.json?["type"]?.string == "error")
                #expect(response.json?["error"]?["type"]?.string == item.type)
                #expect(response.json?["error"]?["message"]?.string?.isEmpty == false)
                #expect(response.headers["retry-after"] == (retryAfter == nil ? nil : "3"))

                let outcome = await client(.anthropic, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: Self.timeout)
                guard case .failure(let kind, let hint, let status, let message) = outcome else {
                    Issue.record("expected \(item.expected), got \(outcome)")
                    return
                }
                #expect(kind == item.expected)
                #expect(status == item.status)
                #expect(hint == retryAfter)
                #expect(message.hasPrefix(item.type + ": "))
            }
        }
    }

    @Test func missingKeyIsAuthenticationError() async throws {
        try await withFakeServer { port, http in
            let response = try await raw(http, port: port, "/v1/messages", body: AnthropicWireFormatTests.body(stream: false))
            #expect(response.status == 401)
            #expect(response.text == #"{"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"}}"#)
            #expect(response.body == NativeErrors.missingKey(.anthropic).body)
            let outcome = await client(.anthropic, port: port, http: http, key: nil)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout)
            #expect(outcome.errorKind == .auth)
        }
    }

    // MARK: - Broken answers

    static let broken: [(FakeDecision, Bool, ErrorKind)] = [
        (FakeDecision(.cutStream(afterTokens: 2, reset: false)), true, .connection),
        (FakeDecision(.cutStream(afterTokens: 2, reset: true)), true, .connection),
        (FakeDecision(.cutStream(afterTokens: 20, reset: false)), true, .connection),
        (FakeDecision(.cutStream(afterTokens: 0, reset: false)), false, .connection),
        (FakeDecision(.corrupt(.truncate)), false, .corrupt),
        (FakeDecision(.corrupt(.malformed)), true, .corrupt),
        (FakeDecision(.corrupt(.empty)), true, .corrupt),
        (FakeDecision(.corrupt(.wrongSchema)), false, .corrupt),
        (FakeDecision(.corrupt(.wrongSchema)), true, .corrupt),
        (FakeDecision(.blocked), false, .blocked),
        (FakeDecision(.blocked), true, .blocked),
    ]

    @Test func cutCorruptAndRefusedAnswersAreClassified() async throws {
        for (decision, stream, expected) in Self.broken {
            try await withFakeServer(ScriptedBehavior([decision])) { port, http in
                let outcome = await client(.anthropic, port: port, http: http)
                    .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: Self.timeout)
                #expect(outcome.errorKind == expected, "\(decision.action) stream \(stream): \(outcome)")
            }
        }
    }
}
