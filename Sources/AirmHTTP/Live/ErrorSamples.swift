import AirmEngine
import AirmSpec

/// Why a live run's attempts failed: per provider and error kind, the first distinct causes.
///
/// A cause names where the call went and what came back: the endpoint and the OS error
/// ("http://127.0.0.1:19399: connection refused …"), or the status and the start of the
/// answer. Keys never appear: endpoints are base URLs, and keys travel in headers.
public struct ErrorSamples: Sendable {
    /// Causes kept per provider and kind.
    public static let perKind = 5
    /// Characters of a cause kept at most.
    public static let maxLength = 200

    private var causes: [[ErrorKind: [String]]]

    public init(providers: Int) {
        causes = Array(repeating: [:], count: providers)
    }

    /// Notes the cause of a failed attempt on `provider`, unless its kind already has enough.
    public mutating func note(provider: Int, kind: ErrorKind, status: Int?, message: String, endpoint: String?) {
        guard provider < causes.count, causes[provider][kind, default: []].count < Self.perKind else { return }
        var text = endpoint.map { $0 + ": " } ?? ""
        if let status { text += "HTTP \(status): " }
        text += message
        if text.count > Self.maxLength { text = String(text.prefix(Self.maxLength)) + "…" }
        guard !causes[provider][kind, default: []].contains(text) else { return }
        causes[provider][kind, default: []].append(text)
    }

    /// Adds the causes to `result`'s provider summaries, by provider name.
    public func attach(to result: inout RunResult, names: [String]) {
        for (index, name) in names.enumerated() where index < causes.count && !causes[index].isEmpty {
            var byKind: [String: [String]] = [:]
            for (kind, texts) in causes[index] { byKind[kind.rawValue] = texts }
            result.providers[name]?.errorSamples = byKind
        }
    }
}
