import AirmSpec

/// The fake Gemini v1beta: `x-goog-api-key` or `?key=`, `contents[].parts[].text`, chunks
/// closed by `finishReason`; streams are SSE with `alt=sse`, else one JSON array.
extension GeminiProvider {
    var pathRoots: Set<String> { ["v1beta"] }

    /// `v1beta/models/{model}:generateContent` and `:streamGenerateContent`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        guard segments.count == 3, segments[1] == "models" else { return nil }
        let parts = segments[2].split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[1] {
        case "generateContent": return FakeRoute.Match(model: parts[0], stream: false, sse: alt == "sse")
        case "streamGenerateContent": return FakeRoute.Match(model: parts[0], stream: true, sse: alt == "sse")
        default: return nil
        }
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        !(headers["x-goog-api-key"] ?? "").isEmpty || !(query["key"] ?? "").isEmpty
    }

    func parse(body: [UInt8], model: String?, stream: Bool) -> FakeCall? {
        guard let json = JSONValue.parse(body), let contents = json["contents"]?.array else { return nil }
        let prompt = contents.flatMap { $0["parts"]?.array ?? [] }.compactMap { $0["text"]?.string }.joined()
        return FakeCall(model: model ?? Provider.Kind.gemini.defaultModel, prompt: prompt,
                        maxTokens: json["generationConfig"]?["maxOutputTokens"]?.int, stream: stream)
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
        if finished { candidate.append(.init("finishReason", "STOP")) }
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
