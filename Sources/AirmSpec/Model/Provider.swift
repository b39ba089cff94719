/// One AI provider the policy can route to.
public struct Provider: Sendable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case gemini, cohere, huggingface, openai, anthropic, simulated

        /// The model used when the file names none.
        public var defaultModel: String {
            switch self {
            case .gemini: "gemini-2.0-flash"
            case .cohere: "command-r"
            case .huggingface: "mistralai/Mistral-7B-Instruct-v0.3"
            case .openai: "gpt-4o-mini"
            case .anthropic: "claude-sonnet-4-5"
            case .simulated: "simulated"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var model: String
    /// Live only. `nil` means the provider type's real endpoint.
    public var endpoint: Interpolated?
    /// Live only; never written to any output.
    public var apiKey: Interpolated?
    public var simulate: SimulatedBehavior
    /// The real API the provider's fake forwards to, faults applied on the way (`mode: app`
    /// and `airm fake-providers`; docs/app-mode.md "Proxy mode"). `nil`: the fake answers itself.
    public var upstream: Interpolated?
    public var location: SourceLocation

    public init(name: String, kind: Kind, model: String? = nil, endpoint: Interpolated? = nil,
                apiKey: Interpolated? = nil, simulate: SimulatedBehavior = SimulatedBehavior(),
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.name = name
        self.kind = kind
        self.model = model ?? kind.defaultModel
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.simulate = simulate
        self.location = location
    }
}

/// How a provider behaves when simulated (and when served by `airm fake-providers`).
public struct SimulatedBehavior: Sendable, Hashable {
    public var latency: LatencyDistribution = .lognormal(median: .milliseconds(400), p99: .seconds(2))
    /// Baseline transient errors, answered with 503.
    public var errorRate: Ratio = .zero
    /// A sliding quota; calls over it get 429 with Retry-After. `nil` means no quota.
    public var rateLimit: Rate?
    /// Concurrent calls served; more wait in a FIFO queue. `nil` means unlimited.
    public var capacity: Int?

    public init(latency: LatencyDistribution = .lognormal(median: .milliseconds(400), p99: .seconds(2)),
                errorRate: Ratio = .zero, rateLimit: Rate? = nil, capacity: Int? = nil) {
        self.latency = latency
        self.errorRate = errorRate
        self.rateLimit = rateLimit
        self.capacity = capacity
    }
}

/// A latency distribution: `300ms`, `{ uniform: [a, b] }`, `{ exponential: mean }`, `{ median:, p99: }`.
public enum LatencyDistribution: Sendable, Hashable {
    case fixed(TimeSpan)
    case uniform(TimeSpan, TimeSpan)
    case exponential(mean: TimeSpan)
    /// Lognormal fitted so that its median and 99th percentile are these.
    case lognormal(median: TimeSpan, p99: TimeSpan)
}

/// A string after `${VAR}` / `${VAR:-default}` expansion, remembering which variables were unset.
///
/// A missing variable is an error only where the value is needed (e.g. `api_key` in live mode),
/// so the loader keeps the names instead of failing.
public struct Interpolated: Sendable, Hashable {
    /// The text with every variable expanded; unset variables without a default expand to "".
    public var value: String
    /// Variables that were referenced, unset and without a default.
    public var missing: [String]
    public var location: SourceLocation

    public init(value: String, missing: [String] = [], location: SourceLocation) {
        self.value = value
        self.missing = missing
        self.location = location
    }
}
