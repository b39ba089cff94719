/// A fault injected over a window of the run (DESIGN.md §4 "Faults").
public struct Fault: Sendable {
    public enum Target: Sendable, Hashable {
        /// `"*"`: every provider.
        case all
        case providers([String])

        public func includes(_ provider: String) -> Bool {
            switch self {
            case .all: true
            case .providers(let names): names.contains(provider)
            }
        }
    }

    public enum Kind: Sendable, Hashable {
        case latency(delay: TimeSpan, jitter: TimeSpan)
        /// Default status 500.
        case error(status: Int)
        case timeout
        case unavailable
        /// Alternating failing (`down`) and healthy (`up`) periods, starting with `down`.
        case intermittent(up: TimeSpan, down: TimeSpan, failure: IntermittentFailure)
        /// `retryAfter` defaults to 1s; with `limit`, only calls over the quota fail.
        case rateLimit(retryAfter: TimeSpan, limit: Rate?)
        case corrupt(Corruption)
        case streamCut(StreamCut)
        case stall(after: TimeSpan, for: TimeSpan)

        /// The `type:` value in the file.
        public var typeName: String {
            switch self {
            case .latency: "latency"
            case .error: "error"
            case .timeout: "timeout"
            case .unavailable: "unavailable"
            case .intermittent: "intermittent"
            case .rateLimit: "rate_limit"
            case .corrupt: "corrupt"
            case .streamCut: "stream_cut"
            case .stall: "stall"
            }
        }

        public static let typeNames = ["latency", "error", "timeout", "unavailable", "intermittent",
                                       "rate_limit", "corrupt", "stream_cut", "stall"]
    }

    /// What an `intermittent` fault does while down (`as:`).
    public enum IntermittentFailure: Sendable, Hashable {
        case error(status: Int)
        case timeout
        case unavailable
    }

    public enum Corruption: String, Sendable, Hashable, CaseIterable {
        case truncate, malformed, empty
        case wrongSchema = "wrong_schema"
    }

    public enum StreamCut: Sendable, Hashable {
        case afterTime(TimeSpan)
        case afterTokens(Int)
    }

    public enum End: Sendable, Hashable {
        case `for`(TimeSpan)
        case until(TimeReference)
        /// Active to the end of the run.
        case runEnd
    }

    public var name: String
    public var target: Target
    public var kind: Kind
    public var at: TimeReference = .at(.zero)
    public var end: End = .runEnd
    /// Share of attempts affected while active.
    public var probability: Ratio = .one
    /// For failing faults: how long the injected answer takes (default: at once).
    public var delay: TimeSpan?
    public var location: SourceLocation

    public init(name: String, target: Target, kind: Kind, at: TimeReference = .at(.zero), end: End = .runEnd,
                probability: Ratio = .one, delay: TimeSpan? = nil,
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.name = name
        self.target = target
        self.kind = kind
        self.at = at
        self.end = end
        self.probability = probability
        self.delay = delay
        self.location = location
    }
}
