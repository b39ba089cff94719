import AirmSpec

/// The catalog of provider APIs: the only list of providers in AirmHTTP.
///
/// Client construction, the fake server's routing and the native error bodies all look the
/// provider up here. A new provider is one folder under `Providers/` plus one line in `all`.
enum ProviderAPIs {
    static let all: [any ProviderAPI] = [
        GeminiProvider(),
        CohereProvider(),
        HuggingFaceProvider(),
        OpenAIProvider(),
        AnthropicProvider(),
    ]

    /// The API of `kind`, or `nil` for types without a wire (`simulated`).
    static func api(for kind: Provider.Kind) -> (any ProviderAPI)? {
        all.first { $0.kind == kind }
    }

    /// The first path segments of every fake API, mounts included: a first segment outside
    /// them names a provider (`/gemini-eu/v1beta/…`).
    static let pathRoots: Set<String> = all.reduce(into: []) { roots, api in
        roots.formUnion(api.pathRoots)
        roots.formUnion(api.mounts)
    }
}
