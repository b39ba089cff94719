import AirmSpec

/// OpenAI-compatible chat completions: `POST {base}/v1/chat/completions` with `Authorization: Bearer`.
///
/// Also the wire of the HuggingFace Inference Providers router.
public struct OpenAIWire: WireFormat {
    public var model: String
    public var apiKey: String
    /// The path appended to the base URL.
    public var path: String

    public init(model: String, apiKey: String, path: String = "/v1/chat/completions") {
        self.model = model
        self.apiKey = apiKey
        self.path = path
    }

    // MARK: - Request

    public func encode(_ request: CompletionRequest) -> WireRequest {
        var body = Self.chatBody(model: model, request)
        if request.stream { body.append(.init("stream_options", .members(("include_usage", true)))) }
        return WireRequest(path: path, headers: [("authorization", "Bearer \(apiKey)")], body: .object(body))
    }

    /// The chat body Cohere v2 shares with this API: model, one user message, `stream`, and
    /// `max_tokens` when set.
    static func chatBody(model: String, _ request: CompletionRequest) -> [JSONValue.Member] {
        var body: [JSONValue.Member] = [
            .init("model", .string(model)),
            .init("messages", [.members(("role", "user"), ("content", .string(request.prompt)))]),
            .init("stream", .bool(request.stream)),
        ]
        if let maxTokens = request.maxTokens { body.append(.init("max_tokens", .int(maxTokens))) }
        return body
    }

    // MARK: - Response

    public func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult {
        guard (200..<300).contains(status) else { return .failure(Self.error(status: status, headers: headers, body: body)) }
        guard let json = JSONValue.parse(body), case .object = json else {
            return .failure(WireFailure(.corrupt, "unparseable chat completion body"))
        }
        guard let choice = json["choices"]?[0] else {
            return .failure(WireFailure(.corrupt, "chat completion has no choices"))
        }
        if choice["finish_reason"]?.string == "content_filter" {
            return .failure(WireFailure(.blocked, "answer withheld: finish_reason content_filter"))
        }
        guard let text = choice["message"]?["content"]?.string, !text.isEmpty else {
            return .failure(WireFailure(.corrupt, "chat completion has no content"))
        }
        return .success(ParsedAnswer(text: text, tokens: json["usage"]?["completion_tokens"]?.int ?? 0))
    }

    public func makeStreamDecoder() -> Decoder { Decoder() }

    /// Chunks with `choices[0].delta.content`, one carrying `finish_reason`, then `data: [DONE]`.
    public struct Decoder: StreamDecoder {
        var text = ""
        var chunks = 0
        var done = false
        var outputTokens: Int?

        public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
            if event.data == "[DONE]" {
                done = true
                return .ignored
            }
            guard let json = JSONValue.parse(event.data), case .object = json else {
                return .failed(WireFailure(.corrupt, "unparseable chat completion chunk"))
            }
            if json["error"] != nil {
                return .failed(OpenAIWire.error(status: 500, headers: [:], body: json.bytes, inStream: true))
            }
            if let tokens = json["usage"]?["completion_tokens"]?.int { outputTokens = tokens }
            guard let choices = json["choices"] else {
                return .failed(WireFailure(.corrupt, "chat completion chunk without choices"))
            }
            guard let choice = choices[0] else { return .ignored }
            if choice["finish_reason"]?.string == "content_filter" {
                return .failed(WireFailure(.blocked, "answer withheld: finish_reason content_filter"))
            }
            guard let piece = choice["delta"]?["content"]?.string, !piece.isEmpty else { return .ignored }
            text += piece
            chunks += 1
            return .text(piece)
        }

        public func finish() -> WireResult {
            guard done else { return .failure(WireFailure(.connection, "stream ended without data: [DONE]")) }
            guard !text.isEmpty else { return .failure(WireFailure(.corrupt, "stream has no content")) }
            return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
        }
    }

    // MARK: - Errors

    /// Classifies `{"error":{"message","type","param","code"}}`.
    static func error(status: Int, headers: WireHeaders, body: [UInt8], inStream: Bool = false) -> WireFailure {
        guard let json = JSONValue.parse(body), let error = json["error"] else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        let message = error["message"]?.string ?? error.string ?? "HTTP \(status)"
        let code = error["code"]?.string
        var kind = FailureClassifier.kind(forStatus: status)
        switch code {
        case "context_length_exceeded": kind = .badRequest
        case "invalid_api_key": kind = .auth
        case "rate_limit_exceeded": kind = .rateLimited
        default: break
        }
        return WireFailure(kind, message, status: inStream ? nil : status,
                           retryAfter: FailureClassifier.retryAfter(headers: headers))
    }
}
