import AirmSpec

/// Anthropic Messages: `POST /v1/messages` with `x-api-key` and `anthropic-version`
/// (docs/providers.md#anthropic).
///
/// Streams (`"stream": true`) are typed events: `message_start`, `content_block_start`, `ping`,
/// `content_block_delta`…, `content_block_stop`, `message_delta`, `message_stop`; an `error`
/// event ends the answer as a failure.
public struct AnthropicWire: WireFormat {
    /// The API version every request names.
    public static let version = "2023-06-01"
    /// The API requires `max_tokens`; this is sent when the request sets none.
    public static let defaultMaxTokens = 1024

    public var model: String
    public var apiKey: String

    public init(model: String, apiKey: String) {
        self.model = model
        self.apiKey = apiKey
    }

    // MARK: - Request

    public func encode(_ request: CompletionRequest) -> WireRequest {
        let body: JSONValue = .members(
            ("model", .string(model)),
            ("max_tokens", .int(request.maxTokens ?? Self.defaultMaxTokens)),
            ("messages", [.members(("role", "user"), ("content", .string(request.prompt)))]),
            ("stream", .bool(request.stream)))
        return WireRequest(path: "/v1/messages", headers: [("x-api-key", apiKey), ("anthropic-version", Self.version)],
                           body: body)
    }

    // MARK: - Response

    public func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult {
        guard (200..<300).contains(status) else { return .failure(Self.error(status: status, headers: headers, body: body)) }
        guard let json = JSONValue.parse(body), case .object = json else {
            return .failure(WireFailure(.corrupt, "unparseable Anthropic body"))
        }
        if json["type"]?.string == "error" { return .failure(Self.error(json, status: nil)) }
        guard json["type"]?.string == "message", let content = json["content"]?.array else {
            return .failure(WireFailure(.corrupt, "Anthropic body is not a message"))
        }
        if let failure = Self.stopFailure(json["stop_reason"]?.string) { return .failure(failure) }
        let text = content.filter { $0["type"]?.string == "text" }.compactMap { $0["text"]?.string }.joined()
        guard !text.isEmpty else {
            return .failure(WireFailure(.corrupt, "Anthropic answer has no text (stop_reason \(json["stop_reason"]?.string ?? "none"))"))
        }
        return .success(ParsedAnswer(text: text, tokens: json["usage"]?["output_tokens"]?.int ?? 0))
    }

    public func makeStreamDecoder() -> Decoder { Decoder() }

    /// The typed Messages events, ending in `message_stop`; a stream without it is `connection`.
    ///
    /// Text comes from `content_block_delta` events with a `text_delta`; `message_delta` carries
    /// the stop reason and the output-token count; an `error` event fails the answer with its
    /// error type's kind. Unknown event types are ignored, as the API may add new ones.
    public struct Decoder: StreamDecoder {
        var text = ""
        var chunks = 0
        var stopped = false
        var stopReason: String?
        var outputTokens: Int?

        public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
            guard let json = JSONValue.parse(event.data), case .object = json else {
                return .failed(WireFailure(.corrupt, "unparseable Anthropic stream event"))
            }
            guard let type = json["type"]?.string else {
                return .failed(WireFailure(.corrupt, "Anthropic stream event without a type"))
            }
            switch type {
            case "content_block_delta":
                guard let delta = json["delta"], delta["type"]?.string == "text_delta" else { return .ignored }
                guard let piece = delta["text"]?.string else {
                    return .failed(WireFailure(.corrupt, "Anthropic text_delta without text"))
                }
                text += piece
                chunks += 1
                return piece.isEmpty ? .ignored : .text(piece)
            case "message_delta":
                stopReason = json["delta"]?["stop_reason"]?.string ?? stopReason
                if let tokens = json["usage"]?["output_tokens"]?.int { outputTokens = tokens }
                if let failure = AnthropicWire.stopFailure(stopReason) { return .failed(failure) }
                return .ignored
            case "message_stop":
                stopped = true
                return .ignored
            case "error":
                return .failed(AnthropicWire.error(json, status: nil))
            default:
                return .ignored
            }
        }

        public func finish() -> WireResult {
            guard stopped else { return .failure(WireFailure(.connection, "Anthropic stream ended without message_stop")) }
            guard !text.isEmpty else {
                return .failure(WireFailure(.corrupt, "Anthropic stream has no text (stop_reason \(stopReason ?? "none"))"))
            }
            return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
        }
    }

    // MARK: - Errors

    /// `refusal` arrives with status 200 but withholds the answer.
    static func stopFailure(_ reason: String?) -> WireFailure? {
        reason == "refusal" ? WireFailure(.blocked, "Anthropic refused the answer: stop_reason refusal") : nil
    }

    /// The kind an `error.type` names.
    static func kind(errorType: String?) -> ErrorKind? {
        switch errorType {
        case "invalid_request_error", "not_found_error", "request_too_large": .badRequest
        case "authentication_error", "permission_error": .auth
        case "rate_limit_error": .rateLimited
        case "api_error": .serverError
        case "overloaded_error": .unavailable
        default: nil
        }
    }

    /// Classifies `{"type":"error","error":{"type","message"}}` sent with an error status.
    ///
    /// The status decides, as for every provider, except that `overloaded_error` (529) is
    /// `unavailable`: the service is overloaded, as a 503 says.
    static func error(status: Int, headers: WireHeaders, body: [UInt8]) -> WireFailure {
        guard let json = JSONValue.parse(body), json["error"]?["type"]?.string != nil else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        var failure = error(json, status: status)
        failure.retryAfter = FailureClassifier.retryAfter(headers: headers)
        return failure
    }

    /// The failure an error body describes; without a status (an `error` event) its type decides.
    static func error(_ json: JSONValue, status: Int?) -> WireFailure {
        let type = json["error"]?["type"]?.string
        let message = json["error"]?["message"]?.string ?? "HTTP \(status.map(String.init) ?? "error")"
        let kind: ErrorKind
        if let status {
            kind = type == "overloaded_error" ? .unavailable : FailureClassifier.kind(forStatus: status)
        } else {
            kind = Self.kind(errorType: type) ?? .serverError
        }
        return WireFailure(kind, (type.map { "\($0): " } ?? "") + message, status: status)
    }
}
