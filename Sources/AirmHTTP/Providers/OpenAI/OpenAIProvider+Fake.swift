import AirmSpec

/// The fake OpenAI-compatible chat completions (also the HuggingFace router): chunks, then
/// `data: [DONE]`.
extension OpenAIProvider {
    static let id = "chatcmpl-airm0001"
    static let created = 1_700_000_000

    var pathRoots: Set<String> { ["v1"] }

    /// `v1/chat/completions`; the body's `"stream": true` asks for a stream.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        segments == ["v1", "chat", "completions"] ? FakeRoute.Match() : nil
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        FakeAuth.bearer(headers) != nil
    }

    func parse(body: [UInt8], model: String?, stream: Bool) -> FakeCall? {
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
                                       ("finish_reason", "stop"))]),
                 ("usage", usage(call, tokens: tokens)))
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        var events = [chunk(call, delta: .members(("role", "assistant"), ("content", "")), finish: nil, token: false)]
        for token in tokens {
            events.append(chunk(call, delta: .members(("content", .string(token))), finish: nil, token: true))
        }
        var finishing = chunk(call, delta: .object([]), finish: "stop", token: false)
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

    private func usage(_ call: FakeCall, tokens: [String]) -> JSONValue {
        let prompt = FakeText.promptTokens(call.prompt)
        return .members(("prompt_tokens", .int(prompt)), ("completion_tokens", .int(tokens.count)),
                        ("total_tokens", .int(prompt + tokens.count)))
    }
}
