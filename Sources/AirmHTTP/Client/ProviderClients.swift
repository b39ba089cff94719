import AirmSpec
import AsyncHTTPClient

/// Builds the live client for a configured provider.
public enum ProviderClients {
    /// The client for `provider`, or `nil` for `simulated` providers, which have no wire.
    ///
    /// The provider type's entry in `ProviderAPIs.all` builds it. The endpoint is
    /// `provider.endpoint` or the type's real endpoint; the key is `provider.apiKey` (empty when
    /// unset, which the provider answers with 401 → `auth`).
    public static func make(for provider: Provider, http: HTTPClient) -> (any ProviderClient)? {
        guard let api = ProviderAPIs.api(for: provider.kind) else { return nil }
        let configured = provider.endpoint?.value.trimmingSlash
        let endpoint = (configured?.isEmpty ?? true) ? nil : configured
        return api.client(model: provider.model, apiKey: provider.apiKey?.value ?? "", endpoint: endpoint, http: http)
    }

    // MARK: - The HTTP client

    /// The AsyncHTTPClient configuration live clients are meant to run on.
    ///
    /// Failed connection attempts are not retried inside AsyncHTTPClient (by default it
    /// retries until the connect timeout), so a refused connection surfaces at once as
    /// `unavailable`, as docs/semantics.md "Attempt outcomes" has it; retrying is the policy's decision. Redirects are not
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

    /// A new HTTP client with `httpConfiguration`; the caller must `shutdown()` it. The process's
    /// allocator is tuned first, so that answers read return their memory (`AllocatorTuning`).
    public static func makeHTTPClient() -> HTTPClient {
        AllocatorTuning.apply()
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }
}

extension String {
    var trimmingSlash: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
