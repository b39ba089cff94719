import AirmSpec
import AsyncHTTPClient

/// Cohere Chat v2 (docs/providers.md#cohere): the catalog entry, the live client, the native
/// error bodies, and the fake API: Bearer key, `messages`, and the five typed stream events.
struct CohereProvider: ProviderAPI {
    var kind: Provider.Kind { .cohere }
    var defaultEndpoint: String { "https://api.cohere.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: CohereWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"id":…,"message":…}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("id", .string(Self.requestID(status: status))), ("message", .string(message)))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "You are past the per minute request limit, please wait and try again later."
        case 400: "invalid request: body is not valid JSON"
        default: nil
        }
    }

    var missingKeyMessage: String { "no api key supplied" }

    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)] { NativeErrors.milliseconds(retryAfter) }

    static func requestID(status: Int) -> String { "00000000-0000-4000-8000-000000000\(status)" }

    // MARK: - Fake API

    static let messageID = "c0e8e1a2-0000-4000-8000-000000000001"

    var pathRoots: Set<String> { ["v2", "v1"] }

    /// `v2/chat` (the body's `"stream": true` asks for a stream), `v2/embed` and `GET v1/models`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        switch segments {
        case ["v2", "chat"]: FakeRoute.Match()
        case ["v2", "embed"]: FakeRoute.Match(operation: .embed)
        case ["v1", "models"]: FakeRoute.Match(operation: .models)
        default: nil
        }
    }

    /// Cohere's own SDK names itself in `x-fern-sdk-name`; its key is a plain Bearer key.
    func claims(headers: [String: String], query: [String: String]) -> Bool {
        headers["x-fern-sdk-name"]?.lowercased() == "cohere"
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        FakeAuth.bearer(headers) != nil
    }

    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall? {
        if match.operation == .embed { return parseEmbedding(body) }
        guard let json = JSONValue.parse(body), let messages = json["messages"]?.array else { return nil }
        let prompt = FakeText.content(messages.last?["content"])
        return FakeCall(model: json["model"]?.string ?? Provider.Kind.cohere.defaultModel, prompt: prompt,
                        maxTokens: json["max_tokens"]?.int, stream: json["stream"] == .bool(true))
    }

    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        .members(("id", .string(Self.messageID)), ("finish_reason", .string(Self.finishReason(tokens))),
                 ("message", .members(("role", "assistant"),
                                      ("content", [.members(("type", "text"), ("text", .string(tokens.joined())))]))),
                 ("usage", usage(call, tokens: tokens)))
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        var events = [
            event("message-start", .members(("id", .string(Self.messageID)), ("type", "message-start"),
                                            ("delta", .members(("message", .members(("role", "assistant"),
                                                                                    ("content", [])))))),
                  token: false),
            event("content-start", .members(("type", "content-start"), ("index", 0),
                                            ("delta", .members(("message", .members(("content", .members(
                                                ("type", "text"), ("text", "")))))))),
                  token: false),
        ]
        for token in tokens {
            events.append(event("content-delta", .members(("type", "content-delta"), ("index", 0),
                                                          ("delta", .members(("message", .members(("content", .members(
                                                              ("text", .string(token))))))))),
                                token: true))
        }
        events.append(event("content-end", .members(("type", "content-end"), ("index", 0)), token: false))
        var end = event("message-end", .members(("type", "message-end"),
                                                ("delta", .members(("finish_reason", .string(Self.finishReason(tokens))),
                                                                   ("usage", usage(call, tokens: tokens))))),
                        token: false)
        end.isFinal = true
        events.append(end)
        return events
    }

    private func event(_ type: String, _ data: JSONValue, token: Bool) -> FakeEvent {
        FakeEvent(event: ServerSentEvent(event: type, data: data.text), isToken: token, isFinal: false)
    }

    /// `MAX_TOKENS` when `max_tokens` cut the answer short, else `COMPLETE`.
    static func finishReason(_ tokens: [String]) -> String {
        FakeText.isCut(tokens.count) ? "MAX_TOKENS" : "COMPLETE"
    }

    private func usage(_ call: FakeCall, tokens: [String]) -> JSONValue {
        let counts: JSONValue = .members(("input_tokens", .int(FakeText.promptTokens(call.prompt))),
                                         ("output_tokens", .int(tokens.count)))
        return .members(("billed_units", counts), ("tokens", counts))
    }
}
