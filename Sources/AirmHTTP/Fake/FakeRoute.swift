import AirmSpec

/// Which fake API a request path addresses. Pure.
///
/// A first path segment that is not one of the APIs' roots names the provider, so one
/// server can stand in for several providers of one type: `/gemini-eu/v1beta/models/…`.
///
/// When several APIs answer one path (`GET /v1/models`: Gemini, Cohere, OpenAI, Anthropic), the
/// API whose type the provider name spells wins (`/cohere/v1/models`), then the one whose own
/// header the request carries (`FakeAPI.claims`), then the OpenAI-compatible one.
struct FakeRoute {
    /// What a route of one API asks for.
    struct Match: Equatable {
        /// The model named in the path (Gemini, HuggingFace); others name it in the body.
        var model: String?
        /// Whether the path asks for a stream; other APIs read `"stream": true` from the body.
        var stream: Bool
        /// Whether a streamed answer is server-sent events (Gemini without `alt=sse`: a JSON array).
        var sse: Bool
        /// What the route serves.
        var operation: FakeOperation
        /// Whether the call comes in the OpenAI-compatible chat shape under another API's path.
        var compatible: Bool

        init(model: String? = nil, stream: Bool = false, sse: Bool = true, operation: FakeOperation = .generate,
             compatible: Bool = false) {
            self.model = model
            self.stream = stream
            self.sse = sse
            self.operation = operation
            self.compatible = compatible
        }

        /// The method the route answers: `GET` for the models list, else `POST`.
        var method: String { operation == .models ? "GET" : "POST" }
    }

    enum Target {
        case api(any ProviderAPI, Match)
        case faults
        case notFound
    }

    /// The provider name the behaviour is asked about.
    var provider: String
    var target: Target

    static let controlRoot = "_airm"

    /// Whether the path is the fault control endpoint.
    var isControl: Bool {
        if case .faults = target { return true }
        return false
    }

    /// The route of `path`; `headers` (lower-cased names) and `query` pick among APIs that share it.
    init(path: String, query: [String: String] = [:], headers: [String: String] = [:]) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var name: String?
        if let first = segments.first, first != Self.controlRoot, !ProviderAPIs.pathRoots.contains(first),
           segments.count > 1 {
            name = first
            segments.removeFirst()
        }
        target = Self.target(segments, query: query, headers: headers, name: name)
        switch target {
        case .api(let api, _): provider = name ?? api.kind.rawValue
        default: provider = name ?? ""
        }
    }

    private static func target(_ segments: [String], query: [String: String], headers: [String: String],
                               name: String?) -> Target {
        if segments == [controlRoot, "faults"] { return .faults }
        var segments = segments
        if let first = segments.first, ProviderAPIs.all.contains(where: { $0.mounts.contains(first) }) {
            segments.removeFirst()
        }
        guard let first = segments.first else { return .notFound }
        var matches: [(api: any ProviderAPI, match: Match)] = []
        for api in ProviderAPIs.all where api.pathRoots.contains(first) {
            if let match = api.route(segments, alt: query["alt"]) { matches.append((api, match)) }
        }
        let chosen = matches.first { $0.api.kind.rawValue == name }
            ?? matches.first { $0.api.claims(headers: headers, query: query) }
            ?? matches.first { $0.api.kind == .openai }
            ?? matches.first
        return chosen.map { .api($0.api, $0.match) } ?? .notFound
    }
}
