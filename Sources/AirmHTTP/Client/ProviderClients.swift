import AirmSpec
import AsyncHTTPClient

/// Builds the live client for a configured provider.
public enum ProviderClients {
    /// The client for `provider`, or `nil` for `simulated` providers, which have no wire.
    ///
    /// The endpoint is `provider.endpoint` or the type's real endpoint; the key is
    /// `provider.apiKey` (empty when unset, which the provider answers with 401 → `auth`).
    /// A HuggingFace endpoint whose path ends in `/v1` selects the OpenAI-compatible
    /// Inference Providers router instead of classic text generation.
    public static func make(for provider: Provider, http: HTTPClient) -> (any ProviderClient)? {
        let key = provider.apiKey?.value ?? ""
        let configured = provider.endpoint?.value.trimmingSlash
        let endpoint = (configured?.isEmpty ?? true) ? nil : configured
        switch provider.kind {
        case .gemini:
            return HTTPProviderClient(wire: GeminiWire(model: provider.model, apiKey: key),
                                      baseURL: endpoint ?? GeminiWire.defaultEndpoint, http: http)
        case .cohere:
            return HTTPProviderClient(wire: CohereWire(model: provider.model, apiKey: key),
                                      baseURL: endpoint ?? CohereWire.defaultEndpoint, http: http)
        case .huggingface:
            if let endpoint, endpoint.hasSuffix("/v1") {
                return HTTPProviderClient(wire: OpenAIWire(model: provider.model, apiKey: key, path: "/chat/completions"),
                                          baseURL: endpoint, http: http)
            }
            return HTTPProviderClient(wire: HuggingFaceWire(model: provider.model, apiKey: key),
                                      baseURL: endpoint ?? HuggingFaceWire.defaultEndpoint, http: http)
        case .openai:
            if let endpoint, endpoint.hasSuffix("/v1") {
                return HTTPProviderClient(wire: OpenAIWire(model: provider.model, apiKey: key, path: "/chat/completions"),
                                          baseURL: endpoint, http: http)
            }
            return HTTPProviderClient(wire: OpenAIWire(model: provider.model, apiKey: key),
                                      baseURL: endpoint ?? OpenAIWire.defaultEndpoint, http: http)
        case .simulated:
            return nil
        }
    }
}

extension String {
    var trimmingSlash: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
