import AirmSpec

/// HuggingFace classic text generation: `POST {base}/models/{model}` with `Authorization: Bearer`.
///
/// Streams are TGI's: `"stream": true` in the body, token events, the last one filling in
/// `generated_text` and `details`, then (on TGI) `data: [DONE]`.
public struct HuggingFaceWire: WireFormat {
    public var model: String
    public var apiKey: String

    public init(model: String, apiKey: String) {
        self.model = model
        self.apiKey = apiKey
    }

    // MARK: - Request

    public func encode(_ request: CompletionRequest) -> WireRequest {
        var parameters: [JSONValue.Member] = []
        if let maxTokens = request.maxTokens { parameters.append(.init("max_new_tokens", .int(maxTokens))) }
        var body: [JSONValue.Member] = [.init("inputs", .string(request.prompt)), .init("parameters", .object(parameters))]
        if request.stream { body.append(.init("stream", true)) }
        return WireRequest(path: "/models/\(model)", headers: [("authorization", "Bearer \(apiKey)")], body: .object(body))
    }

    // MARK: - Response

    public func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult {
        guard (200..<300).contains(status) else { return .failure(Self.error(status: status, headers: headers, body: body)) }
        guard let json = JSONValue.parse(body) else { return .failure(WireFailure(.corrupt, "unparseable HuggingFace body")) }
        let answer = json[0] ?? json
        guard let text = answer["generated_text"]?.string else {
            return .failure(WireFailure(.corrupt, "HuggingFace answer has no generated_text"))
        }
        guard !text.isEmpty else { return .failure(WireFailure(.corrupt, "HuggingFace generated_text is empty")) }
        return .success(ParsedAnswer(text: text, tokens: answer["details"]?["generated_tokens"]?.int ?? 0))
    }

    public func makeStreamDecoder() -> Decoder { Decoder() }

    /// TGI token events; the final one carries `generated_text` (or `details.finish_reason`).
    public struct Decoder: StreamDecoder {
        var text = ""
        var chunks = 0
        var finished = false
        var outputTokens: Int?

        public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
            if event.data == "[DONE]" {
                finished = true
                return .ignored
            }
            guard let json = JSONValue.parse(event.data), case .object = json else {
                return .failed(WireFailure(.corrupt, "unparseable TGI stream event"))
            }
            if let message = json["error"]?.string {
                return .failed(WireFailure(HuggingFaceWire.kind(errorType: json["error_type"]?.string) ?? .serverError,
                                           message))
            }
            if json["generated_text"]?.string != nil || json["details"]?["finish_reason"]?.string != nil {
                finished = true
            }
            if let tokens = json["details"]?["generated_tokens"]?.int { outputTokens = tokens }
            guard let token = json["token"] else {
                return finished ? .ignored : .failed(WireFailure(.corrupt, "TGI stream event without a token"))
            }
            if token["special"] == .bool(true) { return .ignored }
            guard let piece = token["text"]?.string else {
                return .failed(WireFailure(.corrupt, "TGI token event without text"))
            }
            text += piece
            chunks += 1
            return piece.isEmpty ? .ignored : .text(piece)
        }

        public func finish() -> WireResult {
            guard finished else {
                return .failure(WireFailure(.connection, "TGI stream ended without its final event"))
            }
            guard !text.isEmpty else { return .failure(WireFailure(.corrupt, "TGI stream has no text")) }
            return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
        }
    }

    // MARK: - Errors

    /// The kind TGI's `error_type` names, when it names one.
    static func kind(errorType: String?) -> ErrorKind? {
        switch errorType {
        case "validation": .badRequest
        case "generation", "incomplete_generation": .serverError
        case "overloaded": .rateLimited
        default: nil
        }
    }

    /// Classifies `{"error":"…"}` (TGI adds `error_type`; a cold model adds `estimated_time`).
    static func error(status: Int, headers: WireHeaders, body: [UInt8]) -> WireFailure {
        guard let json = JSONValue.parse(body), let error = json["error"] else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        let message = error.string ?? error.array?.compactMap(\.string).joined(separator: "; ") ?? "HTTP \(status)"
        var kind = FailureClassifier.kind(forStatus: status)
        if status != 401, status != 403, let typed = Self.kind(errorType: json["error_type"]?.string) { kind = typed }
        var retryAfter = FailureClassifier.retryAfter(headers: headers)
        if retryAfter == nil, let estimate = json["estimated_time"]?.double {
            retryAfter = FailureClassifier.retryHint(seconds: estimate)
        }
        return WireFailure(kind, message, status: status, retryAfter: retryAfter)
    }
}
