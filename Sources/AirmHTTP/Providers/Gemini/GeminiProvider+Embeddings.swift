import AirmSpec

/// The fake's Gemini embeddings and models list (docs/providers.md#gemini).
extension GeminiProvider {
    static let embeddingModel = "text-embedding-004"
    static let listedModels = ["gemini-2.0-flash", "gemini-2.5-flash", embeddingModel]

    /// `:embedContent` `{"content":{"parts":[…]},"outputDimensionality"}`, or `:batchEmbedContents`
    /// `{"requests":[{"model","content",…}]}`.
    func parseEmbedding(_ body: [UInt8], model: String?) -> FakeCall? {
        guard let json = JSONValue.parse(body) else { return nil }
        let batch = json["requests"]?.array
        let requests = batch ?? [json]
        var inputs: [String] = []
        for request in requests {
            guard let parts = request["content"]?["parts"]?.array else { return nil }
            inputs.append(parts.compactMap { $0["text"]?.string }.joined())
        }
        guard !inputs.isEmpty else { return nil }
        var call = FakeCall(model: model ?? Self.embeddingModel, prompt: inputs.joined(separator: " "), stream: false,
                            operation: .embed, inputs: inputs,
                            dimensions: requests.first?["outputDimensionality"]?.int)
        call.batch = batch != nil
        return call
    }

    /// `{"embedding":{"values":[…]}}`, or for a batch `{"embeddings":[{"values":[…]}]}`.
    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue {
        let values = vectors.map { JSONValue.members(("values", FakeEmbedding.json($0))) }
        return call.batch ? .members(("embeddings", .array(values))) : .members(("embedding", values.first ?? .null))
    }

    /// `{"models":[{"name":"models/…","displayName",…,"supportedGenerationMethods"}]}`.
    func models() -> JSONValue {
        .members(("models", .array(Self.listedModels.map { id in
            let embeds = id == Self.embeddingModel
            return .members(("name", .string("models/" + id)), ("version", "001"), ("displayName", .string(id)),
                            ("inputTokenLimit", .int(embeds ? 2048 : 1_048_576)),
                            ("outputTokenLimit", .int(embeds ? 1 : 8192)),
                            ("supportedGenerationMethods",
                             embeds ? ["embedContent", "batchEmbedContents"] : ["generateContent", "countTokens"]))
        })))
    }
}
