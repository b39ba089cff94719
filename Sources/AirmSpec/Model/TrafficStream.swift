/// One stream of requests (docs/experiment-format.md "`traffic`", docs/semantics.md "Traffic").
public struct TrafficStream: Sendable {
    public enum Shape: Sendable, Hashable {
        case rate(Rate, Arrivals)
        case stages([Stage])
        /// `count` arrivals evenly spread over [at, at + over).
        case burst(count: Int, at: TimeReference, over: TimeSpan)
        /// Closed model: N users send, wait for the answer, think, repeat.
        case users(Int, think: Think)
    }

    public enum Arrivals: String, Sendable, Codable, CaseIterable { case uniform, poisson }

    /// One leg of a piecewise-linear rate. The loader fills `from` with the previous leg's `to` (0 for the first).
    public struct Stage: Sendable, Hashable {
        public var from: Rate
        public var to: Rate
        public var over: TimeSpan
        public init(from: Rate, to: Rate, over: TimeSpan) {
            self.from = from
            self.to = to
            self.over = over
        }
    }

    public enum Think: Sendable, Hashable {
        case fixed(TimeSpan)
        case exponential(mean: TimeSpan)
    }

    public struct Request: Sendable, Hashable {
        /// One or more prompts, used in turn.
        public var prompts: [String]
        public var maxTokens: Int?
        public var stream: Bool
        public init(prompts: [String] = ["Explain machine learning"], maxTokens: Int? = nil, stream: Bool = false) {
            self.prompts = prompts
            self.maxTokens = maxTokens
            self.stream = stream
        }
    }

    /// Defaults to `stream-1`, `stream-2`, ….
    public var name: String
    public var shape: Shape
    public var start: TimeReference = .at(.zero)
    /// `nil` means until the end of the run.
    public var duration: TimeSpan?
    /// Arrivals beyond this many requests in flight are dropped and counted.
    public var maxInFlight = 10_000
    public var request = Request()
    public var location: SourceLocation

    public init(name: String, shape: Shape, start: TimeReference = .at(.zero), duration: TimeSpan? = nil,
                maxInFlight: Int = 10_000, request: Request = Request(),
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.name = name
        self.shape = shape
        self.start = start
        self.duration = duration
        self.maxInFlight = maxInFlight
        self.request = request
        self.location = location
    }
}
