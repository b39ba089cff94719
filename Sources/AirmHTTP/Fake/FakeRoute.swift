import AirmSpec

/// Which fake API a request path addresses. Pure.
///
/// A first path segment that is not one of the APIs' roots names the provider, so one
/// server can stand in for several providers of one type: `/gemini-eu/v1beta/models/…`.
struct FakeRoute {
    /// What a route of one API asks for.
    struct Match: Equatable {
        /// The model named in the path (Gemini, HuggingFace); others name it in the body.
        var model: String?
        /// Whether the path asks for a stream; other APIs read `"stream": true` from the body.
        var stream: Bool
        /// Whether a streamed answer is server-sent events (Gemini without `alt=sse`: a JSON array).
        var sse: Bool

        init(model: String? = nil, stream: Bool = false, sse: Bool = true) {
            self.model = model
            self.stream = stream
            self.sse = sse
        }
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

    init(path: String, alt: String?) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var name: String?
        if let first = segments.first, first != Self.controlRoot, !ProviderAPIs.pathRoots.contains(first),
           segments.count > 1 {
            name = first
            segments.removeFirst()
        }
        target = Self.target(segments, alt: alt)
        switch target {
        case .api(let api, _): provider = name ?? api.kind.rawValue
        default: provider = name ?? ""
        }
    }

    private static func target(_ segments: [String], alt: String?) -> Target {
        if segments == [controlRoot, "faults"] { return .faults }
        var segments = segments
        if let first = segments.first, ProviderAPIs.all.contains(where: { $0.mounts.contains(first) }) {
            segments.removeFirst()
        }
        guard let first = segments.first else { return .notFound }
        for api in ProviderAPIs.all where api.pathRoots.contains(first) {
            if let match = api.route(segments, alt: alt) { return .api(api, match) }
        }
        return .notFound
    }
}
