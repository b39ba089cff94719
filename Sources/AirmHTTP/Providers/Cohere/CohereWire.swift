import AirmSpec

/// Cohere Chat v2: `POST /v2/chat` with `Authorization: Bearer`, streaming when `"stream": true`.
public struct CohereWire: WireFormat {
    public var model: String
    public var apiKey: String

    public init(model: String, apiKey: String) {
        self.model = model
        self.apiKey = apiKey
    }

    // MARK: - Request

    public func encode(_ request: CompletionRequest) -> WireRequest {
        WireRequest(path: "/v2/chat", headers: [("authorization", "Bearer \(apiKey)")],
                    body: .object(OpenAIWire.chatBody(model: model, request)))
    }

    // MARK: - Response

    public func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult {
        guard (200..<300).contains(status) else { return .failure(Self.error(status: status, headers: headers, body: body)) }
        guard let json = JSONValue.parse(body), case .object = json else {
            return .failure(WireFailure(.corrupt, "unparseable Cohere body"))
        }
        if let failure = Self.finishFailure(json["finish_reason"]?.string, error: json["error"]?.string) {
            return .failure(failure)
        }
        let content = json["message"]?["content"]?.array ?? []
        let text = content.filter { $0["type"]?.string == "text" }.compactMap { $0["text"]?.string }.joined()
        guard !text.isEmpty else { return .failure(WireFailure(.corrupt, "Cohere answer has no text")) }
        return .success(ParsedAnswer(text: text, tokens: Self.outputTokens(json["usage"]) ?? 0))
    }

    public func makeStreamDecoder() -> Decoder { Decoder() }

    /// Cohere streams `message-start`, `content-start`, `content-delta`…, `content-end`,
    /// `message-end`, each with an `event:` line, and then close.
    public struct Decoder: StreamDecoder {
        var text = ""
        var chunks = 0
        var ended = false
        var outputTokens: Int?

        public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
            guard let json = JSONValue.parse(event.data), case .object = json else {
                return .failed(WireFailure(.corrupt, "unparseable Cohere stream event"))
            }
            guard let type = json["type"]?.string else {
                return .failed(WireFailure(.corrupt, "Cohere stream event without a type"))
            }
            switch type {
            case "content-delta":
                guard let piece = json["delta"]?["message"]?["content"]?["text"]?.string else {
                    return .failed(WireFailure(.corrupt, "Cohere content-delta without text"))
                }
                text += piece
                chunks += 1
                return piece.isEmpty ? .ignored : .text(piece)
            case "message-end":
                ended = true
                let delta = json["delta"]
                outputTokens = Self.tokens(delta?["usage"])
                if let failure = CohereWire.finishFailure(delta?["finish_reason"]?.string,
                                                          error: delta?["error"]?.string) {
                    return .failed(failure)
                }
                return .ignored
            default:
                return .ignored
            }
        }

        public func finish() -> WireResult {
            guard ended else { return .failure(WireFailure(.connection, "Cohere stream ended without message-end")) }
            guard !text.isEmpty else { return .failure(WireFailure(.corrupt, "Cohere stream has no text")) }
            return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
        }

        static func tokens(_ usage: JSONValue?) -> Int? { CohereWire.outputTokens(usage) }
    }

    // MARK: - Shared pieces

    static func outputTokens(_ usage: JSONValue?) -> Int? {
        usage?["billed_units"]?["output_tokens"]?.int ?? usage?["tokens"]?["output_tokens"]?.int
    }

    /// `ERROR` and `TIMEOUT` finish reasons arrive with status 200 but carry no usable answer.
    static func finishFailure(_ reason: String?, error: String?) -> WireFailure? {
        switch reason {
        case "ERROR": WireFailure(.serverError, "Cohere finished with ERROR" + (error.map { ": \($0)" } ?? ""))
        case "TIMEOUT": WireFailure(.timeout, "Cohere finished with TIMEOUT")
        default: nil
        }
    }

    /// Classifies a Cohere error body `{"id":…,"message":…}`.
    static func error(status: Int, headers: WireHeaders, body: [UInt8]) -> WireFailure {
        guard let json = JSONValue.parse(body), let message = json["message"]?.string else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        let kind = FailureClassifier.kind(forStatus: status)
        return WireFailure(kind, message, status: status, retryAfter: FailureClassifier.retryAfter(headers: headers))
    }
}
