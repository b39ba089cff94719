import AirmSpec

/// Gemini v1beta `generateContent` / `streamGenerateContent?alt=sse`, key in `x-goog-api-key`.
public struct GeminiWire: WireFormat {
    /// Finish reasons that mean the answer was withheld.
    static let blockReasons: Set<String> = ["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII",
                                            "IMAGE_SAFETY"]

    public var model: String
    public var apiKey: String

    public init(model: String, apiKey: String) {
        self.model = model
        self.apiKey = apiKey
    }

    // MARK: - Request

    public func encode(_ request: CompletionRequest) -> WireRequest {
        let method = request.stream ? "streamGenerateContent?alt=sse" : "generateContent"
        var body: [(String, JSONValue)] = [
            ("contents", [.members(("role", "user"), ("parts", [.members(("text", .string(request.prompt)))]))]),
        ]
        if let maxTokens = request.maxTokens {
            body.append(("generationConfig", .members(("maxOutputTokens", .int(maxTokens)))))
        }
        return WireRequest(path: "/v1beta/models/\(model):\(method)", headers: [("x-goog-api-key", apiKey)],
                           body: .object(body.map { JSONValue.Member($0.0, $0.1) }))
    }

    // MARK: - Response

    public func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult {
        guard (200..<300).contains(status) else { return .failure(Self.error(status: status, headers: headers, body: body)) }
        guard let json = JSONValue.parse(body) else { return .failure(WireFailure(.corrupt, "unparseable Gemini body")) }
        let chunk = Chunk(json)
        if let failure = chunk.failure { return .failure(failure) }
        guard let text = chunk.text, !text.isEmpty else {
            return .failure(WireFailure(.corrupt, "Gemini answer has no text (finishReason \(chunk.finishReason ?? "none"))"))
        }
        return .success(ParsedAnswer(text: text, tokens: chunk.outputTokens ?? 0))
    }

    public func makeStreamDecoder() -> Decoder { Decoder() }

    /// Gemini streams end by closing; the last chunk carries `finishReason`.
    public struct Decoder: StreamDecoder {
        var text = ""
        var chunks = 0
        var finishReason: String?
        var outputTokens: Int?

        public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
            guard let json = JSONValue.parse(event.data) else {
                return .failed(WireFailure(.corrupt, "unparseable Gemini stream chunk"))
            }
            guard json["candidates"] != nil || json["promptFeedback"] != nil || json["usageMetadata"] != nil else {
                return .failed(WireFailure(.corrupt, "Gemini stream chunk in an unknown shape"))
            }
            let chunk = Chunk(json)
            if let failure = chunk.failure { return .failed(failure) }
            if let reason = chunk.finishReason { finishReason = reason }
            if let tokens = chunk.outputTokens { outputTokens = tokens }
            guard let piece = chunk.text, !piece.isEmpty else { return .ignored }
            text += piece
            chunks += 1
            return .text(piece)
        }

        public func finish() -> WireResult {
            guard let finishReason else {
                return .failure(WireFailure(.connection, "Gemini stream ended without finishReason"))
            }
            guard !text.isEmpty else {
                return .failure(WireFailure(.corrupt, "Gemini stream has no text (finishReason \(finishReason))"))
            }
            return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
        }
    }

    /// The fields of one response or stream chunk that matter.
    struct Chunk {
        var text: String?
        var finishReason: String?
        var outputTokens: Int?
        var failure: WireFailure?

        init(_ json: JSONValue) {
            outputTokens = json["usageMetadata"]?["candidatesTokenCount"]?.int
            if case .object = json {} else {
                failure = WireFailure(.corrupt, "Gemini body is not an object")
                return
            }
            if let reason = json["promptFeedback"]?["blockReason"]?.string {
                failure = WireFailure(.blocked, "Gemini blocked the prompt: \(reason)")
                return
            }
            guard let candidate = json["candidates"]?[0] else { return }
            finishReason = candidate["finishReason"]?.string
            if let reason = finishReason, GeminiWire.blockReasons.contains(reason) {
                failure = WireFailure(.blocked, "Gemini blocked the answer: \(reason)")
                return
            }
            let parts = candidate["content"]?["parts"]?.array ?? []
            let texts = parts.compactMap { $0["text"]?.string }
            if !texts.isEmpty { text = texts.joined() }
        }
    }

    // MARK: - Errors

    /// Classifies a Gemini error body `{"error":{code,status,message,details}}`, possibly wrapped in an array.
    static func error(status: Int, headers: WireHeaders, body: [UInt8]) -> WireFailure {
        guard let parsed = JSONValue.parse(body) else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        let json = parsed[0] ?? parsed
        guard let error = json["error"] else {
            return FailureClassifier.unreadable(status: status, headers: headers, body: body)
        }
        let message = error["message"]?.string ?? "HTTP \(status)"
        let details = error["details"]?.array ?? []
        var kind = FailureClassifier.kind(forStatus: status)
        if details.contains(where: { $0["reason"]?.string == "API_KEY_INVALID" }) { kind = .auth }
        // RetryInfo is Gemini's own, finer-grained hint; a header is the fallback.
        let retryInfo = details.first { $0["@type"]?.string?.hasSuffix("google.rpc.RetryInfo") == true }
        let retryAfter = retryInfo?["retryDelay"]?.string.flatMap(FailureClassifier.protobufDuration)
            ?? FailureClassifier.retryAfter(headers: headers)
        let label = error["status"]?.string.map { "\($0): " } ?? ""
        return WireFailure(kind, label + message, status: status, retryAfter: retryAfter)
    }
}
