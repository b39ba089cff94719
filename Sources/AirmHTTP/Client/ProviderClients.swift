import AirmSpec
import AsyncHTTPClient

/// Builds the live client for a configured provider.
public enum ProviderClients {
    /// The client for `provider`, or `nil` for `simulated` providers, which have no wire.
    ///
    /// The endpoint is `provider.endpoint` or the type's real endpoint; the key is
    /// `provider.apiKey` (empty when unset, which the provider answers with 401 → `auth`).
    /// An `openai` or `huggingface` endpoint whose path ends in `/v1` speaks the OpenAI-compatible
    /// chat at `/chat/completions` below it; for HuggingFace that is the Inference Providers
    /// router instead of classic text generation.
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
        case .huggingface, .openai:
            if let endpoint, endpoint.hasSuffix("/v1") {
                return HTTPProviderClient(wire: OpenAIWire(model: provider.model, apiKey: key, path: "/chat/completions"),
                                          baseURL: endpoint, http: http)
            }
            if provider.kind == .huggingface {
                return HTTPProviderClient(wire: HuggingFaceWire(model: provider.model, apiKey: key),
                                          baseURL: endpoint ?? HuggingFaceWire.defaultEndpoint, http: http)
            }
            return HTTPProviderClient(wire: OpenAIWire(model: provider.model, apiKey: key),
                                      baseURL: endpoint ?? OpenAIWire.defaultEndpoint, http: http)
        case .simulated:
            return nil
        }
    }

    // MARK: - The HTTP client

    /// The AsyncHTTPClient configuration live clients are meant to run on.
    ///
    /// Failed connection attempts are not retried inside AsyncHTTPClient (by default it
    /// retries until the connect timeout), so a refused connection surfaces at once as
    /// `unavailable`, as DESIGN §4 wants; retrying is the policy's decision. Redirects are not
    /// followed: no provider API redirects a completion. Up to `maxConnectionsPerHost`
    /// connections per host, so thousands of calls in flight do not queue in the client.
    public static var httpConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.retryConnectionEstablishment = false
        // One connection per call in flight: AsyncHTTPClient's default of 8 per host would queue
        // a live run's calls behind each other and turn load into client-side latency.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        // No request spans: airm records its own metrics, and the global no-op tracer still costs
        // a span and its attributes per call.
        configuration.tracing.tracer = nil
        return configuration
    }

    /// Connections kept open per host at most (calls beyond them wait for one).
    public static let maxConnectionsPerHost = 4096

    /// A new HTTP client with `httpConfiguration`; the caller must `shutdown()` it.
    public static func makeHTTPClient() -> HTTPClient {
        HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }
}

extension String {
    var trimmingSlash: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
