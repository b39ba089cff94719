import AirmSpec

/// Which fake API a request path addresses. Pure.
///
/// A first path segment that is not one of the APIs' roots names the provider, so one
/// server can stand in for several providers of one type: `/gemini-eu/v1beta/models/…`.
struct FakeRoute: Equatable {
    enum Target: Equatable {
        case api(Provider.Kind, model: String?, stream: Bool)
        case faults
        case notFound
    }

    /// The provider name the behaviour is asked about.
    var provider: String
    var target: Target

    static let roots: Set<String> = ["v1beta", "v2", "models", "hf-inference", "v1", "_airm"]

    init(path: String, alt: String?) {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var name: String?
        if let first = segments.first, !Self.roots.contains(first), segments.count > 1 {
            name = first
            segments.removeFirst()
        }
        if segments.first == "hf-inference" { segments.removeFirst() }
        target = Self.target(segments, alt: alt)
        switch target {
        case .api(let kind, _, _): provider = name ?? kind.rawValue
        default: provider = name ?? ""
        }
    }

    private static func target(_ segments: [String], alt: String?) -> Target {
        switch segments.first {
        case "_airm" where segments == ["_airm", "faults"]:
            return .faults
        case "v1beta" where segments.count == 3 && segments[1] == "models":
            let parts = segments[2].split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .notFound }
            switch parts[1] {
            case "generateContent": return .api(.gemini, model: parts[0], stream: false)
            case "streamGenerateContent": return .api(.gemini, model: parts[0], stream: true)
            default: return .notFound
            }
        case "v2" where segments == ["v2", "chat"]:
            return .api(.cohere, model: nil, stream: false)
        case "models" where segments.count > 1:
            return .api(.huggingface, model: segments.dropFirst().joined(separator: "/"), stream: false)
        case "v1" where segments == ["v1", "chat", "completions"]:
            return .api(.openai, model: nil, stream: false)
        default:
            return .notFound
        }
    }
}
