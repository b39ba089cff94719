import AirmSpec
import AsyncHTTPClient

/// OpenAI-compatible chat completions (docs/providers.md#openai-compatible): the catalog entry,
/// the live client, the native error bodies, and the fake API (also the HuggingFace router's):
/// chunks, then `data: [DONE]`.
struct OpenAIProvider: ProviderAPI {
    var kind: Provider.Kind { .openai }
    var defaultEndpoint: String { "https://api.openai.com" }

    /// `/v1/chat/completions` below the base URL; an endpoint whose path already ends in `/v1`
    /// gets `/chat/completions` below it.
    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        if let endpoint, endpoint.hasSuffix("/v1") {
            return Self.v1Client(model: model, apiKey: apiKey, endpoint: endpoint, http: http)
        }
        return HTTPProviderClient(wire: OpenAIWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint,
                                  http: http)
    }

    /// The chat completions client for an endpoint that ends in `/v1`.
    static func v1Client(model: String, apiKey: String, endpoint: String, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: OpenAIWire(model: model, apiKey: apiKey, path: "/chat/completions"),
                           baseURL: endpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":{"message","type","param","code"}}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("error", .members(("message", .string(message)), ("type", .string(Self.errorType(status))),
                                    ("param", .null), ("code", Self.errorCode(status)))))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Rate limit reached for requests. Please try again later."
        case 503: "That model is currently overloaded with other requests. You can retry your request."
        case 500: "The server had an error while processing your request. Sorry about that!"
        case 400: "We could not parse the JSON body of your request."
        default: nil
        }
    }

    var missingKeyMessage: String {
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
    }

    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)] { NativeErrors.milliseconds(retryAfter) }

    static func errorType(_ status: Int) -> String {
        switch status {
        case 429: "requests"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
    }

    static func errorCode(_ status: Int) -> JSONValue {
        switch status {
        case 401: "invalid_api_key"
        case 429: "rate_limit_exceeded"
        default: .null
        }
    }

    // MARK: - Fake API

    static let id = "chatcmpl-airm0001"
    static let created = 1_700_000_000

    var pathRoots: Set<String> { ["v1"] }

    /// `v1/chat/completions` (the body's `"stream": true` asks for a stream), `v1/embeddings`
    /// and `GET v1/models`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        switch segments {
        case ["v1", "chat", "completions"]: FakeRoute.Match()
        case ["v1", "embeddings"]: FakeRoute.Match(operation: .embed)
        case ["v1", "models"]: FakeRoute.Match(operation: .models)
        default: nil
        }
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        FakeAuth.bearer(headers) != nil
    }

    /// Every answer carries `x-request-id`, as the real API's do.
    func answerHeaders() -> [(String, String)] { [("x-request-id", FakeRequestID.make())] }

    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall? {
        match.operation == .embed ? parseEmbedding(body) : parseChat(body)
    }

    /// A chat completions body.
    func parseChat(_ body: [UInt8]) -> FakeCall? {
        guard let json = JSONValue.parse(body), let messages = json["messages"]?.array else { return nil }
        let prompt = FakeText.content(messages.last?["content"])
        var call = FakeCall(model: json["model"]?.string ?? Provider.Kind.openai.defaultModel, prompt: prompt,
                            maxTokens: json["max_tokens"]?.int ?? json["max_completion_tokens"]?.int,
                            stream: json["stream"] == .bool(true))
        call.includeUsage = json["stream_options"]?["include_usage"] == .bool(true)
        return call
    }

    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        .members(("id", .string(Self.id)), ("object", "chat.completion"), ("created", .int(Self.created)),
                 ("model", .string(call.model)),
                 ("choices", [.members(("index", 0),
                                       ("message", .members(("role", "assistant"), ("content", .string(tokens.joined())))),
                                       ("finish_reason", .string(Self.finishReason(tokens))))]),
                 ("usage", usage(call, tokens: tokens)))
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        var events = [chunk(call, delta: .members(("role", "assistant"), ("content", "")), finish: nil, token: false)]
        for token in tokens {
            events.append(chunk(call, delta: .members(("content", .string(token))), finish: nil, token: true))
        }
        var finishing = chunk(call, delta: .object([]), finish: Self.finishReason(tokens), token: false)
        finishing.isFinal = true
        events.append(finishing)
        if call.includeUsage {
            let data: JSONValue = .members(("id", .string(Self.id)), ("object", "chat.completion.chunk"),
                                           ("created", .int(Self.created)), ("model", .string(call.model)),
                                           ("choices", []), ("usage", usage(call, tokens: tokens)))
            events.append(FakeEvent(event: ServerSentEvent(data: data.text), isToken: false, isFinal: true))
        }
        events.append(FakeEvent(event: ServerSentEvent(data: "[DONE]"), isToken: false, isFinal: true))
        return events
    }

    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])? {
        let body: JSONValue = .members(("id", .string(Self.id)), ("object", "chat.completion"),
                                       ("created", .int(Self.created)), ("model", .string(call.model)),
                                       ("choices", [.members(("index", 0),
                                                             ("message", .members(("role", "assistant"), ("content", .null))),
                                                             ("finish_reason", "content_filter"))]))
        let chunk = chunk(call, delta: .object([]), finish: "content_filter", token: false).event
        return (body, [chunk, ServerSentEvent(data: "[DONE]")])
    }

    private func chunk(_ call: FakeCall, delta: JSONValue, finish: String?, token: Bool) -> FakeEvent {
        let data: JSONValue = .members(("id", .string(Self.id)), ("object", "chat.completion.chunk"),
                                       ("created", .int(Self.created)), ("model", .string(call.model)),
                                       ("choices", [.members(("index", 0), ("delta", delta),
                                                             ("finish_reason", finish.map(JSONValue.string) ?? .null))]))
        return FakeEvent(event: ServerSentEvent(data: data.text), isToken: token, isFinal: false)
    }

    /// `length` when `max_tokens` cut the answer short, else `stop`.
    static func finishReason(_ tokens: [String]) -> String {
        FakeText.isCut(tokens.count) ? "length" : "stop"
    }

    private func usage(_ call: FakeCall, tokens: [String]) -> JSONValue {
        let prompt = FakeText.promptTokens(call.prompt)
        return .members(("prompt_tokens", .int(prompt)), ("completion_tokens", .int(tokens.count)),
                        ("total_tokens", .int(prompt + tokens.count)))
    }
}
