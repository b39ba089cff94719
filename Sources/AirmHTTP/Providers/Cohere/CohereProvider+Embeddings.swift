import AirmSpec

/// The fake's Cohere embeddings (v2) and models list (v1) (docs/providers.md#cohere).
extension CohereProvider {
    static let embeddingModel = "embed-english-v3.0"
    static let listedModels = [("command-r", ["chat"]), ("command-r-plus", ["chat"]), (embeddingModel, ["embed"])]
    /// The embedding types the fake writes; `float` when the request names none.
    static let embeddingTypes = ["float", "int8", "uint8"]

    /// `{"texts":[…],"model","input_type","embedding_types":[…],"output_dimension"}`.
    func parseEmbedding(_ body: [UInt8]) -> FakeCall? {
        guard let json = JSONValue.parse(body), let texts = json["texts"]?.array, !texts.isEmpty else { return nil }
        let inputs = texts.compactMap(\.string)
        guard inputs.count == texts.count else { return nil }
        var call = FakeCall(model: json["model"]?.string ?? Self.embeddingModel, prompt: inputs.joined(separator: " "),
                            stream: false, operation: .embed, inputs: inputs, dimensions: json["output_dimension"]?.int)
        let types = (json["embedding_types"]?.array ?? []).compactMap(\.string)
        call.embeddingTypes = types.isEmpty ? ["float"] : types.filter(Self.embeddingTypes.contains)
        return call
    }

    /// `{"id","embeddings":{"float":[[…]]},"texts","meta","response_type":"embeddings_by_type"}`;
    /// `int8` and `uint8` are the floats scaled to their range.
    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue {
        let byType: [JSONValue.Member] = call.embeddingTypes.map { type in
            let scaled: (Double) -> JSONValue = switch type {
            case "int8": { .int(Int(($0 * 127).rounded())) }
            case "uint8": { .int(Int((($0 + 1) * 127.5).rounded())) }
            default: { .double($0) }
            }
            return .init(type, .array(vectors.map { .array($0.map(scaled)) }))
        }
        let tokens = call.inputs.reduce(0) { $0 + FakeText.promptTokens($1) }
        return .members(("id", .string(Self.messageID)), ("embeddings", .object(byType)),
                        ("texts", .array(call.inputs.map(JSONValue.string))),
                        ("meta", .members(("api_version", .members(("version", "2"))),
                                          ("billed_units", .members(("input_tokens", .int(tokens)))))),
                        ("response_type", "embeddings_by_type"))
    }

    /// `{"models":[{"name","endpoints","finetuned","context_length"}],"next_page_token":null}`.
    func models() -> JSONValue {
        .members(("models", .array(Self.listedModels.map { name, endpoints in
            .members(("name", .string(name)), ("endpoints", .array(endpoints.map(JSONValue.string))),
                     ("finetuned", false), ("context_length", .int(128_000)))
        })), ("next_page_token", .null))
    }
}
