import AirmSpec
import AsyncHTTPClient

/// Anthropic Messages (docs/providers.md#anthropic): the catalog entry, the live client, the
/// native error bodies, and the fake API: `x-api-key` (or a Bearer key, as some gateways send),
/// `max_tokens` required, and the typed stream events ending in `message_stop`.
struct AnthropicProvider: ProviderAPI {
    var kind: Provider.Kind { .anthropic }
    var defaultEndpoint: String { "https://api.anthropic.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: AnthropicWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint,
                           http: http)
    }

    // MARK: - Native errors

    /// `{"type":"error","error":{"type":…,"message":…}}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("type", "error"), ("error", .members(("type", .string(Self.errorType(status))),
                                                       ("message", .string(message)))))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 400: "The request body is not a valid Messages request."
        case 401: "invalid x-api-key"
        case 403: "Your API key does not have permission to use the specified resource."
        case 404: "The requested resource could not be found."
        case 413: "Request exceeds the maximum allowed number of bytes."
        case 429: "This request would exceed the rate limit for your organization. Please try again later."
        case 500: "Internal server error"
        case 503, 529: "Overloaded"
        default: nil
        }
    }

    var missingKeyMessage: String { "x-api-key header is required" }

    /// The `error.type` for `status`; statuses the API does not list map by their class.
    static func errorType(_ status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 503, 529: "overloaded_error"
        case 500...: "api_error"
        default: "invalid_request_error"
        }
    }

    // MARK: - Fake API

    static let messageID = "msg_01AirmFake0000000000001"

    var pathRoots: Set<String> { ["v1"] }

    /// `v1/messages` (the body's `"stream": true` asks for a stream) and `GET v1/models`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        switch segments {
        case ["v1", "messages"]: FakeRoute.Match()
        case ["v1", "models"]: FakeRoute.Match(operation: .models)
        default: nil
        }
    }

    /// Only Anthropic's clients send `anthropic-version` (and the key in `x-api-key`).
    func claims(headers: [String: String], query: [String: String]) -> Bool {
        headers["anthropic-version"] != nil || headers["x-api-key"] != nil
    }

    /// Every answer carries `request-id`, as the real API's do.
    func answerHeaders() -> [(String, String)] { [("request-id", FakeRequestID.make())] }

    static let listedModels = [("claude-sonnet-4-5", "Claude Sonnet 4.5"), ("claude-haiku-4-5", "Claude Haiku 4.5")]

    /// `{"data":[{"type":"model","id","display_name","created_at"}],"has_more","first_id","last_id"}`.
    func models() -> JSONValue {
        .members(("data", .array(Self.listedModels.map { id, name in
            .members(("type", "model"), ("id", .string(id)), ("display_name", .string(name)),
                     ("created_at", "2025-09-29T00:00:00Z"))
        })), ("has_more", false), ("first_id", .string(Self.listedModels[0].0)),
        ("last_id", .string(Self.listedModels[Self.listedModels.count - 1].0)))
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        !(headers["x-api-key"] ?? "").isEmpty || FakeAuth.bearer(headers) != nil
    }

    /// A Messages body; without `max_tokens`, which the API requires, it is a bad request.
    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall? {
        guard let json = JSONValue.parse(body), let messages = json["messages"]?.array,
              let maxTokens = json["max_tokens"]?.int else { return nil }
        return FakeCall(model: json["model"]?.string ?? Provider.Kind.anthropic.defaultModel,
                        prompt: FakeText.content(messages.last?["content"]), maxTokens: maxTokens,
                        stream: json["stream"] == .bool(true))
    }

    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        message(call, content: [Self.textBlock(tokens.joined())], stopReason: .string(Self.stopReason(call, tokens)),
                outputTokens: tokens.count)
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        var events = [
            event("message_start", .members(("type", "message_start"),
                                            ("message", message(call, content: [], stopReason: .null, outputTokens: 1)))),
            event("content_block_start", .members(("type", "content_block_start"), ("index", 0),
                                                  ("content_block", Self.textBlock("")))),
            event("ping", .members(("type", "ping"))),
        ]
        for token in tokens {
            var delta = event("content_block_delta", .members(("type", "content_block_delta"), ("index", 0),
                                                              ("delta", .members(("type", "text_delta"),
                                                                                 ("text", .string(token))))))
            delta.isToken = true
            events.append(delta)
        }
        events.append(event("content_block_stop", .members(("type", "content_block_stop"), ("index", 0))))
        events.append(event("message_delta", messageDelta(stopReason: Self.stopReason(call, tokens), tokens: tokens.count),
                            final: true))
        events.append(event("message_stop", .members(("type", "message_stop")), final: true))
        return events
    }

    /// A refusal: status 200 with `stop_reason: "refusal"` and no text.
    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])? {
        let body = message(call, content: [], stopReason: "refusal", outputTokens: 0)
        let events = [
            event("message_start", .members(("type", "message_start"),
                                            ("message", message(call, content: [], stopReason: .null, outputTokens: 1)))),
            event("message_delta", messageDelta(stopReason: "refusal", tokens: 0)),
            event("message_stop", .members(("type", "message_stop"))),
        ]
        return (body, events.map(\.event))
    }

    // MARK: - Pieces

    private func message(_ call: FakeCall, content: [JSONValue], stopReason: JSONValue, outputTokens: Int) -> JSONValue {
        .members(("id", .string(Self.messageID)), ("type", "message"), ("role", "assistant"),
                 ("model", .string(call.model)), ("content", .array(content)), ("stop_reason", stopReason),
                 ("stop_sequence", .null),
                 ("usage", .members(("input_tokens", .int(FakeText.promptTokens(call.prompt))),
                                    ("output_tokens", .int(outputTokens)))))
    }

    private func messageDelta(stopReason: String, tokens: Int) -> JSONValue {
        .members(("type", "message_delta"),
                 ("delta", .members(("stop_reason", .string(stopReason)), ("stop_sequence", .null))),
                 ("usage", .members(("output_tokens", .int(tokens)))))
    }

    private func event(_ type: String, _ data: JSONValue, final: Bool = false) -> FakeEvent {
        FakeEvent(event: ServerSentEvent(event: type, data: data.text), isToken: false, isFinal: final)
    }

    private static func textBlock(_ text: String) -> JSONValue {
        .members(("type", "text"), ("text", .string(text)))
    }

    /// `max_tokens` when the limit shortened the answer, else `end_turn`.
    private static func stopReason(_ call: FakeCall, _ tokens: [String]) -> String {
        FakeText.isCut(tokens.count) ? "max_tokens" : "end_turn"
    }
}
