import AirmSpec

/// How `airm serve` listens and guards its routes (docs/serve.md "Flags" and "Security").
public struct ServeOptions: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// With a token, every route that changes state needs `Authorization: Bearer <token>`.
    public var token: String?
    /// The one origin browsers may call from; CORS is off without it.
    public var corsOrigin: String?
    /// The largest request body accepted, in bytes (413 above it).
    public var bodyLimit: Int
    /// Calls per client on `/ai`, over `aiRateLimit.per` (429 with `Retry-After` above it).
    public var aiRateLimit: Rate
    /// Run every provider on its `simulate:` model, keys or not.
    public var simulate: Bool

    public static let defaultPort = 8080
    public static let defaultBodyLimit = 1_048_576
    public static let defaultRateLimit = Rate(perSecond: 50)

    public init(host: String = "127.0.0.1", port: Int = ServeOptions.defaultPort, token: String? = nil,
                corsOrigin: String? = nil, bodyLimit: Int = ServeOptions.defaultBodyLimit,
                aiRateLimit: Rate = ServeOptions.defaultRateLimit, simulate: Bool = false) {
        self.host = host
        self.port = port
        self.token = token
        self.corsOrigin = corsOrigin
        self.bodyLimit = bodyLimit
        self.aiRateLimit = aiRateLimit
        self.simulate = simulate
    }

    // MARK: - Binding

    /// Why the options cannot be served as they are, if they cannot.
    public var refusal: String? {
        if !Self.isLoopback(host), (token ?? "").isEmpty {
            return "refusing to bind \(host) without a token: anyone who reaches it could spend your provider keys and inject faults. "
                + "Set AIRM_TOKEN (or --token) to a secret, or bind 127.0.0.1."
        }
        return nil
    }

    /// Whether `host` names only this machine: `localhost`, 127.0.0.0/8 or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: ["[", "]"])
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { UInt8($0) != nil }
    }
}
