import AirmSpec

/// The fake HuggingFace classic text generation, with TGI streams (`"stream": true`) ending in
/// `data: [DONE]`.
extension HuggingFaceProvider {
    var pathRoots: Set<String> { ["models"] }
    /// `hf-inference/models/…` is the router's path for the same API.
    var mounts: Set<String> { ["hf-inference"] }

    /// `models/{model}`, where the model id may contain slashes.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        guard segments.first == "models", segments.count > 1 else { return nil }
        return FakeRoute.Match(model: segments.dropFirst().joined(separator: "/"))
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        FakeAuth.bearer(headers) != nil
    }

    func parse(body: [UInt8], model: String?, stream: Bool) -> FakeCall? {
        guard let json = JSONValue.parse(body), let inputs = json["inputs"]?.string else { return nil }
        return FakeCall(model: model ?? Provider.Kind.huggingface.defaultModel, prompt: inputs,
                        maxTokens: json["parameters"]?["max_new_tokens"]?.int, stream: json["stream"] == .bool(true))
    }

    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        [.members(("generated_text", .string(tokens.joined())))]
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        var events: [FakeEvent] = []
        for (index, token) in tokens.enumerated() {
            let last = index == tokens.count - 1
            let details: JSONValue = last
                ? .members(("finish_reason", "length"), ("generated_tokens", .int(tokens.count)), ("seed", .null))
                : .null
            let data: JSONValue = .members(
                ("index", .int(index + 1)),
                ("token", .members(("id", .int(index + 1)), ("text", .string(token)), ("logprob", .double(-0.5)),
                                   ("special", false))),
                ("generated_text", last ? .string(tokens.joined()) : .null),
                ("details", details))
            events.append(FakeEvent(event: ServerSentEvent(data: data.text), isToken: true, isFinal: last))
        }
        events.append(FakeEvent(event: ServerSentEvent(data: "[DONE]"), isToken: false, isFinal: true))
        return events
    }
}
