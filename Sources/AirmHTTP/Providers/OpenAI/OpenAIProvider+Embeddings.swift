import AirmSpec

/// The fake's OpenAI embeddings and models list (docs/providers.md#openai-compatible).
extension OpenAIProvider {
    static let embeddingModel = "text-embedding-3-small"
    static let listedModels = ["gpt-4o-mini", "gpt-4o", embeddingModel]

    /// `{"input": "…" | ["…"], "model", "dimensions", "encoding_format"}`.
    func parseEmbedding(_ body: [UInt8]) -> FakeCall? {
        guard let json = JSONValue.parse(body), let inputs = FakeEmbedding.texts(json["input"]) else { return nil }
        var call = FakeCall(model: json["model"]?.string ?? Self.embeddingModel, prompt: inputs.joined(separator: " "),
                            stream: false, operation: .embed, inputs: inputs, dimensions: json["dimensions"]?.int)
        call.base64 = json["encoding_format"]?.string == "base64"
        return call
    }

    /// `{"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}`;
    /// with `base64`, each embedding is its float32 bytes in base64.
    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue {
        let data = vectors.enumerated().map { index, vector in
            JSONValue.members(("object", "embedding"), ("index", .int(index)),
                              ("embedding", call.base64 ? .string(FakeEmbedding.base64(vector)) : FakeEmbedding.json(vector)))
        }
        let tokens = call.inputs.reduce(0) { $0 + FakeText.promptTokens($1) }
        return .members(("object", "list"), ("data", .array(data)), ("model", .string(call.model)),
                        ("usage", .members(("prompt_tokens", .int(tokens)), ("total_tokens", .int(tokens)))))
    }

    /// `{"object":"list","data":[{"id","object":"model","created","owned_by"}]}`.
    func models() -> JSONValue {
        .members(("object", "list"),
                 ("data", .array(Self.listedModels.map {
                     .members(("id", .string($0)), ("object", "model"), ("created", .int(Self.created)), ("owned_by", "openai"))
                 })))
    }
}
