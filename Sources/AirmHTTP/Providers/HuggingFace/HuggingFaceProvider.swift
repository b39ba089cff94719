import AirmSpec
import AsyncHTTPClient

/// HuggingFace (docs/providers.md#huggingface): the catalog entry, the live client, the native
/// error bodies, and the fake classic text generation, with TGI streams (`"stream": true`)
/// ending in `data: [DONE]`.
struct HuggingFaceProvider: ProviderAPI {
    var kind: Provider.Kind { .huggingface }
    var defaultEndpoint: String { "https://router.huggingface.co/hf-inference" }

    /// Classic text generation; an endpoint whose path ends in `/v1` is the Inference Providers
    /// router, which speaks the OpenAI-compatible chat at `/chat/completions` below it.
    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        if let endpoint, endpoint.hasSuffix("/v1") {
            return OpenAIProvider.v1Client(model: model, apiKey: apiKey, endpoint: endpoint, http: http)
        }
        return HTTPProviderClient(wire: HuggingFaceWire(model: model, apiKey: apiKey),
                                  baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":"…"}`, with TGI's `error_type` where it has one.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        if let errorType = Self.tgiErrorType(status) {
            return .members(("error", .string(message)), ("error_type", .string(errorType)))
        }
        return .members(("error", .string(message)))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Model is overloaded"
        case 400: "Failed to deserialize the JSON body into the target type"
        default: nil
        }
    }

    var missingKeyMessage: String { "Invalid credentials in Authorization header" }

    /// A cold model: 503 `{"error":"Model X is currently loading","estimated_time":…}`.
    func coldStart(model: String, estimatedTime: TimeSpan) -> SynthesizedResponse {
        let body: JSONValue = .members(("error", .string("Model \(model) is currently loading")),
                                       ("estimated_time", .double(estimatedTime.seconds)))
        return SynthesizedResponse(status: 503, headers: [("content-type", "application/json")], body: body.bytes)
    }

    static func tgiErrorType(_ status: Int) -> String? {
        switch status {
        case 422: "validation"
        case 424: "generation"
        case 429: "overloaded"
        case 500: "incomplete_generation"
        default: nil
        }
    }

    // MARK: - Fake API

    var pathRoots: Set<String> { ["models"] }
    /// `hf-inference/models/…` is the router's path for the same API.
    var mounts: Set<String> { ["hf-inference"] }

    /// `models/{model}` (the model id may contain slashes), `models/{model}/pipeline/feature-extraction`
    /// (or `sentence-similarity`), and the OpenAI-compatible `models/{model}/v1/chat/completions`.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match? {
        guard segments.first == "models", segments.count > 1 else { return nil }
        let id = Array(segments.dropFirst())
        if id.count > 3, id.suffix(3) == ["v1", "chat", "completions"] {
            return FakeRoute.Match(model: id.dropLast(3).joined(separator: "/"), compatible: true)
        }
        if id.count > 2, id[id.count - 2] == "pipeline", ["feature-extraction", "sentence-similarity"].contains(id.last) {
            return FakeRoute.Match(model: id.dropLast(2).joined(separator: "/"), operation: .embed)
        }
        return FakeRoute.Match(model: id.joined(separator: "/"))
    }

    func hasKey(headers: [String: String], query: [String: String]) -> Bool {
        FakeAuth.bearer(headers) != nil
    }

    /// A chat body in the OpenAI shape; feature extraction (an `.embed` route, `inputs` as a list, or a
    /// body without `parameters` or `stream`, whose options sit at the root); else text generation.
    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall? {
        let model = match.model ?? Provider.Kind.huggingface.defaultModel
        if match.compatible {
            var call = OpenAIProvider().parseChat(body)
            call?.model = model
            call?.compatible = true
            return call
        }
        guard let json = JSONValue.parse(body), let inputs = FakeEmbedding.texts(json["inputs"]) else { return nil }
        let listed = json["inputs"]?.array != nil
        if match.operation == .embed || listed || (json["parameters"] == nil && json["stream"] == nil) {
            var call = FakeCall(model: model, prompt: inputs.joined(separator: " "), stream: false, operation: .embed,
                                inputs: inputs)
            call.batch = listed
            return call
        }
        var call = FakeCall(model: model, prompt: inputs[0], maxTokens: json["parameters"]?["max_new_tokens"]?.int,
                            stream: json["stream"] == .bool(true))
        call.details = json["parameters"]?["details"] == .bool(true)
        return call
    }

    /// `[{"generated_text"}]`; with `parameters.details`, TGI's single object with `details`.
    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue {
        if call.compatible { return OpenAIProvider().answer(call, tokens: tokens) }
        guard call.details else { return [.members(("generated_text", .string(tokens.joined())))] }
        return .members(("generated_text", .string(tokens.joined())), ("details", details(tokens)))
    }

    private func details(_ tokens: [String]) -> JSONValue {
        .members(("finish_reason", FakeText.isCut(tokens.count) ? "length" : "eos_token"),
                 ("generated_tokens", .int(tokens.count)), ("seed", .null), ("prefill", []), ("tokens", []))
    }

    /// One vector for a single text, a list of vectors for a list of texts.
    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue {
        call.batch ? .array(vectors.map(FakeEmbedding.json)) : FakeEmbedding.json(vectors.first ?? [])
    }

    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])? {
        call.compatible ? OpenAIProvider().blocked(call) : nil
    }

    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent] {
        if call.compatible { return OpenAIProvider().events(call, tokens: tokens) }
        var events: [FakeEvent] = []
        for (index, token) in tokens.enumerated() {
            let last = index == tokens.count - 1
            let details: JSONValue = last
                ? .members(("finish_reason", FakeText.isCut(tokens.count) ? "length" : "eos_token"),
                           ("generated_tokens", .int(tokens.count)), ("seed", .null))
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
