import AirmHTTP
import AirmSpec
import Testing

/// Parsing and classification from bytes alone, with the reference's bodies.
@Suite struct WireDecodingTests {
    static let gemini = GeminiWire(model: "gemini-2.0-flash", apiKey: "k")
    static let cohere = CohereWire(model: "command-r", apiKey: "k")
    static let huggingface = HuggingFaceWire(model: "m", apiKey: "k")
    static let openai = OpenAIWire(model: "gpt-4o-mini", apiKey: "k")
    static let anthropic = AnthropicWire(model: "claude-sonnet-4-5", apiKey: "k")

    static func decode(_ kind: Provider.Kind, _ status: Int, _ body: String, headers: WireHeaders = [:],
                       stream: Bool = false) -> WireResult {
        let bytes = Array(body.utf8)
        switch kind {
        case .gemini: return gemini.decode(status: status, headers: headers, body: bytes, stream: stream)
        case .cohere: return cohere.decode(status: status, headers: headers, body: bytes, stream: stream)
        case .huggingface: return huggingface.decode(status: status, headers: headers, body: bytes, stream: stream)
        case .openai, .simulated: return openai.decode(status: status, headers: headers, body: bytes, stream: stream)
        case .anthropic: return anthropic.decode(status: status, headers: headers, body: bytes, stream: stream)
        }
    }

    // MARK: - Success bodies

    @Test func readsReferenceSuccessBodies() {
        let cases: [(Provider.Kind, String, ParsedAnswer)] = [
            (.gemini, #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello!"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":2,"candidatesTokenCount":3,"totalTokenCount":5},"modelVersion":"gemini-2.0-flash"}"#,
             ParsedAnswer(text: "Hello!", tokens: 3)),
            (.cohere, #"{"id":"x","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text","text":"Hello!"}]},"usage":{"billed_units":{"input_tokens":5,"output_tokens":3}}}"#,
             ParsedAnswer(text: "Hello!", tokens: 3)),
            (.huggingface, #"[{"generated_text":"The answer is 42"}]"#, ParsedAnswer(text: "The answer is 42", tokens: 0)),
            (.huggingface, #"{"generated_text":"42","details":{"finish_reason":"length","generated_tokens":12}}"#,
             ParsedAnswer(text: "42", tokens: 12)),
            (.openai, #"{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}],"usage":{"prompt_tokens":8,"completion_tokens":2,"total_tokens":10}}"#,
             ParsedAnswer(text: "Hello!", tokens: 2)),
        ]
        for (kind, body, answer) in cases {
            #expect(Self.decode(kind, 200, body) == .success(answer), "\(kind)")
        }
    }

    @Test func readsReferenceStreams() {
        let gemini = """
        data: {"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]}\r\n\r\ndata: {"candidates":[{"content":{"parts":[{"text":"lo"}]},"finishReason":"STOP"}],"usageMetadata":{"candidatesTokenCount":2}}\n\n
        """
        #expect(Self.decode(.gemini, 200, gemini, stream: true) == .success(ParsedAnswer(text: "Hello", tokens: 2)))
        let cohere = "event: message-start\ndata: {\"type\":\"message-start\"}\n\n"
            + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hel\"}}}}\n\n"
            + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"billed_units\":{\"output_tokens\":1}}}}\n\n"
        #expect(Self.decode(.cohere, 200, cohere, stream: true) == .success(ParsedAnswer(text: "Hel", tokens: 1)))
        let tgi = "data:{\"index\":1,\"token\":{\"id\":1,\"text\":\" 42\",\"special\":false},\"generated_text\":null,\"details\":null}\n\n"
            + "data:{\"index\":2,\"token\":{\"id\":2,\"text\":\"!\",\"special\":false},\"generated_text\":\" 42!\",\"details\":{\"finish_reason\":\"length\",\"generated_tokens\":2}}\n\n"
        #expect(Self.decode(.huggingface, 200, tgi, stream: true) == .success(ParsedAnswer(text: " 42!", tokens: 2)))
        let openai = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"completion_tokens\":1}}\n\ndata: [DONE]\n\n"
        #expect(Self.decode(.openai, 200, openai, stream: true) == .success(ParsedAnswer(text: "Hel", tokens: 1)))
    }

    // MARK: - Failures

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var kind: Provider.Kind
        var status: Int
        var body: String
        var headers: WireHeaders = [:]
        var expected: ErrorKind
        var retryAfter: TimeSpan?
        var testDescription: String { "\(kind) \(status) → \(expected)" }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(kind: .gemini, status: 429, body: #"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"47s"}]}}"#,
                  expected: .rateLimited, retryAfter: .seconds(47)),
        ErrorCase(kind: .gemini, status: 503, body: #"[{"error":{"code":503,"status":"UNAVAILABLE","message":"The model is overloaded."}}]"#,
                  expected: .unavailable),
        ErrorCase(kind: .gemini, status: 500, body: #"{"error":{"code":500,"status":"INTERNAL","message":"x"}}"#, expected: .serverError),
        ErrorCase(kind: .gemini, status: 400, body: #"{"error":{"code":400,"status":"INVALID_ARGUMENT","message":"API key not valid.","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}"#,
                  expected: .auth),
        ErrorCase(kind: .gemini, status: 403, body: #"{"error":{"code":403,"status":"PERMISSION_DENIED","message":"no"}}"#, expected: .auth),
        ErrorCase(kind: .gemini, status: 400, body: #"{"error":{"code":400,"message":"The input token count (2000000) exceeds the maximum number of tokens allowed (1048576)."}}"#,
                  expected: .badRequest),
        ErrorCase(kind: .cohere, status: 429, body: #"{"id":"x","message":"You are past the per minute request limit, please wait and try again later."}"#,
                  headers: ["retry-after-ms": "1500", "retry-after": "2"], expected: .rateLimited, retryAfter: .milliseconds(1500)),
        ErrorCase(kind: .cohere, status: 401, body: #"{"id":"x","message":"invalid api token"}"#, expected: .auth),
        ErrorCase(kind: .cohere, status: 422, body: #"{"id":"x","message":"too long"}"#, expected: .badRequest),
        ErrorCase(kind: .cohere, status: 504, body: #"{"id":"x","message":"gateway"}"#, expected: .serverError),
        ErrorCase(kind: .huggingface, status: 503, body: #"{"error":"Model m is currently loading","estimated_time":20.0}"#,
                  expected: .unavailable, retryAfter: .seconds(20)),
        ErrorCase(kind: .huggingface, status: 422, body: #"{"error":"Input validation error","error_type":"validation"}"#, expected: .badRequest),
        ErrorCase(kind: .huggingface, status: 429, body: #"{"error":"Model is overloaded","error_type":"overloaded"}"#,
                  headers: ["retry-after": "3"], expected: .rateLimited, retryAfter: .seconds(3)),
        ErrorCase(kind: .huggingface, status: 500, body: #"{"error":"cut","error_type":"incomplete_generation"}"#, expected: .serverError),
        ErrorCase(kind: .openai, status: 429, body: #"{"error":{"message":"Rate limit","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
                  headers: ["retry-after": "1"], expected: .rateLimited, retryAfter: .seconds(1)),
        ErrorCase(kind: .openai, status: 400, body: #"{"error":{"message":"too long","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"#,
                  expected: .badRequest),
        ErrorCase(kind: .openai, status: 401, body: #"{"error":{"message":"bad key","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
                  expected: .auth),
        ErrorCase(kind: .openai, status: 503, body: #"{"error":{"message":"That model is currently overloaded","type":"server_error","param":null,"code":null}}"#,
                  expected: .unavailable),
        ErrorCase(kind: .openai, status: 502, body: "<html>Bad Gateway</html>", expected: .serverError),
    ]

    @Test(arguments: errorCases)
    func classifiesNativeErrorBodies(_ item: ErrorCase) throws {
        let result = Self.decode(item.kind, item.status, item.body, headers: item.headers)
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(failure.kind == item.expected)
        #expect(failure.status == item.status)
        #expect(failure.retryAfter == item.retryAfter)
    }

    @Test func classifiesSafetyBlocksAsBlocked() {
        #expect(Self.decode(.gemini, 200, #"{"promptFeedback":{"blockReason":"SAFETY"}}"#).kind == .blocked)
        #expect(Self.decode(.gemini, 200, #"{"candidates":[{"finishReason":"SAFETY","index":0}]}"#).kind == .blocked)
        #expect(Self.decode(.gemini, 200, "data: {\"candidates\":[{\"finishReason\":\"SAFETY\"}]}\n\n", stream: true).kind == .blocked)
        #expect(Self.decode(.openai, 200, #"{"choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter"}]}"#).kind == .blocked)
    }

    @Test func classifiesStreamsWithoutTheirFinalEventAsConnection() {
        let cuts: [(Provider.Kind, String)] = [
            (.gemini, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}\n\n"),
            (.cohere, "event: content-delta\ndata: {\"type\":\"content-delta\",\"delta\":{\"message\":{\"content\":{\"text\":\"Hel\"}}}}\n\n"),
            (.huggingface, "data:{\"index\":1,\"token\":{\"id\":1,\"text\":\"a\",\"special\":false},\"generated_text\":null,\"details\":null}\n\n"),
            (.openai, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":\"stop\"}]}\n\n"),
        ]
        for (kind, stream) in cuts {
            #expect(Self.decode(kind, 200, stream, stream: true).kind == .connection, "\(kind)")
        }
    }

    @Test func classifiesUnusableAnswersAsCorrupt() {
        let bodies: [(Provider.Kind, String)] = [
            (.gemini, #"{"candidates":[{"content":{"parts":[]},"finishReason":"STOP"}]}"#),
            (.gemini, #"{"candidates":[{"content":{"parts":[{"text":""}]},"finishReason":"MAX_TOKENS"}]}"#),
            (.gemini, #"{"candidates":[]}{"candidates":[]}"#),
            (.cohere, #"{"id":"x","finish_reason":"COMPLETE","message":{"role":"assistant","content":[]}}"#),
            (.huggingface, #"[{"text":"x"}]"#),
            (.openai, #"{"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"stop"}]}"#),
            (.openai, ""),
        ]
        for (kind, body) in bodies {
            #expect(Self.decode(kind, 200, body).kind == .corrupt, "\(kind): \(body)")
        }
        #expect(Self.decode(.openai, 200, "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}\n\ndata: [DONE]\n\n", stream: true).kind == .corrupt)
    }

    @Test func readsCohereInStreamErrorAsServerError() {
        let stream = "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"boom\"}}\n\n"
        #expect(Self.decode(.cohere, 200, stream, stream: true).kind == .serverError)
    }
}

extension Result where Success == ParsedAnswer, Failure == WireFailure {
    var kind: ErrorKind? {
        if case .failure(let failure) = self { return failure.kind }
        return nil
    }
}
