import AirmSpec
import AsyncHTTPClient

/// Gemini v1beta (docs/providers.md#gemini): the catalog entry, the live client, the native
/// error bodies, and the fake API: key in `x-goog-api-key` or `?key=`, `contents[].parts[].text`,
/// chunks closed by `finishReason`; streams are SSE with `alt=sse`, else one JSON array.
struct GeminiProvider: ProviderAPI {
    var kind: Provider.Kind { .gemini }
    var defaultEndpoint: String { "https://generativelanguage.googleapis.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: GeminiWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":{code,message,status,details}}`; a 429 with a retry hint carries `RetryInfo`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        var details: [JSONValue] = []
        if status == 429, let retryAfter {
            details.append(.members(("@type", "type.googleapis.com/google.rpc.RetryInfo"),
                                    ("retryDelay", .string(Self.protobufDuration(retryAfter)))))
        }
        var error: [(String, JSONValue)] = [("code", .int(status)), ("message", .string(message)),
                                            ("status", .string(Self.googleStatus(status)))]
        if !details.isEmpty { error.append(("details", .array(details))) }
        return .members(("error", .object(error.map { JSONValue.Member($0.0, $0.1) })))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Resource has been exhausted (e.g. check quota)."
        case 503: "The model is overloaded. Please try again later."
        case 500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        case 400: "Invalid JSON payload received."
        default: nil
        }
    }

    /// The real API answers a call without any key with 403, not 401.
    var missingKeyStatus: Int { 403 }

    var missingKeyMessage: String {
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
    }

    static func googleStatus(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 408, 504: "DEADLINE_EXCEEDED"
        case 429: "RESOURCE_EXHAUSTED"
        case 501: "UNIMPLEMENTED"
        case 503: "UNAVAILABLE"
        default: status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"
        }
    }

    static func protobufDuration(_ span: TimeSpan) -> String {
        let seconds = span.seconds
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    // MARK: - Fake API

    /// Older clients call `v1beta`, the current SDK `v1`; both take the same shapes.
    var pathRoots: Set<String> { ["v1beta", "v1"] }

    /// `{v1beta,v1}/models/{model}:generateContent`, `:streamGenerateContent`, `:embedContent`,
    /// `:batchEmbedContents`, and `GET {v1beta,v1}/models`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        guard pathRoots.contains(segments[0]), segments.count >= 2, segments[1] == "models" else { return nil }
        if segments.count == 2 { return FakeRoute.Match(operation: .models) }
        guard segments.count == 3 else { return nil }
        let parts = segments[2].split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[1] {
        case "generateContent": return FakeRoute.Match(model: parts[0], stream: false, sse: alt == "sse")
        case "streamGenerateContent": return FakeRoute.Match(model: parts[0], stream: true, sse: alt == "sse")
        case "embedContent", "batchEmbedContents": return FakeRoute.Match(model: parts[0], operation: .embed)
        default: return nil
        }
    }

    /// Only Gemini sends its key in `x-goog-api-key` or `?key=`.
    func claims(headers: [String: String], query: [String: String]) -> Bool {
        hasKey(headers: headers, query: query)
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        !(headers["x-goog-api-key"] ?? "").isEmpty || !(query["key"] ?? "").isEmpty
    }

    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall? {
        if match.operation == .embed { return parseEmbedding(body, model: match.model) }
        guard let json = JSONValue.parse(body), let contents = json["contents"]?.array else { return nil }
        let prompt = contents.flatMap { $0["parts"]?.array ?? [] }.compactMap { $0["text"]?.string }.joined()
        return FakeCall(model: match.model ?? Provider.Kind.gemini.defaultModel, prompt: prompt,
                        maxTokens: json["generationConfig"]?["maxOutputTokens"]?.int, stream: match.stream)
    }

    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        chunk(call, text: tokens.joined(), finished: true, outputTokens: tokens.count)
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        tokens.enumerated().map { index, token in
            let last = index == tokens.count - 1
            let data = chunk(call, text: token, finished: last, outputTokens: tokens.count)
            return FakeEvent(event: ServerSentEvent(data: data.text), isToken: true, isFinal: last)
        }
    }

    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])? {
        let body: JSONValue = .members(("promptFeedback", .members(("blockReason", "SAFETY"))),
                                       ("modelVersion", .string(call.model)))
        return (body, [ServerSentEvent(data: body.text)])
    }

    private func chunk(_ call: FakeCall, text: String, finished: Bool, outputTokens: Int) -> JSONValue {
        var candidate: [JSONValue.Member] = [
            .init("content", .members(("role", "model"), ("parts", [.members(("text", .string(text)))]))),
        ]
        if finished { candidate.append(.init("finishReason", FakeText.isCut(outputTokens) ? "MAX_TOKENS" : "STOP")) }
        candidate.append(.init("index", 0))
        var members: [JSONValue.Member] = [.init("candidates", [.object(candidate)])]
        if finished {
            let prompt = FakeText.promptTokens(call.prompt)
            members.append(.init("usageMetadata", .members(("promptTokenCount", .int(prompt)),
                                                           ("candidatesTokenCount", .int(outputTokens)),
                                                           ("totalTokenCount", .int(prompt + outputTokens)))))
        }
        members.append(.init("modelVersion", .string(call.model)))
        return .object(members)
    }
}
