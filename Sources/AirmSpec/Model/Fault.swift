/// A fault injected over a window of the run (docs/experiment-format.md "faults").
///
/// The common keys (`target`, `at`, `for`/`until`, `probability`, `delay`) live here; what the
/// fault does is its `kind`, a value of one of the fault types of the vocabulary the file was
/// loaded with (`FaultType`).
public struct Fault: Sendable {
    public enum Target: Sendable, Hashable {
        /// `"*"`: every provider.
        case all
        case providers([String])

        /// As the file writes it: `*`, or the provider names joined by commas.
        public var text: String {
            switch self {
            case .all: "*"
            case .providers(let names): names.joined(separator: ",")
            }
        }

        public func includes(_ provider: String) -> Bool {
            switch self {
            case .all: true
            case .providers(let names): names.contains(provider)
            }
        }
    }

    /// How a `corrupt` fault spoils a real answer (`how:`).
    public enum Corruption: String, Sendable, Hashable, CaseIterable {
        case truncate, malformed, empty
        case wrongSchema = "wrong_schema"
    }

    /// How a cut stream ends: its body closed mid-event (`truncated`), ended as if complete
    /// (`clean`), or its connection reset (`reset`).
    public enum StreamEnding: String, Sendable, Hashable, CaseIterable {
        case truncated, clean, reset
    }

    /// Where a stream is cut or reset: after a time into the answer, or after a number of tokens.
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
    /// The fault type's parameters; `kind.typeName` is the `type:` value in the file.
    public var kind: any FaultType
    public var at: TimeReference = .at(.zero)
    public var end: End = .runEnd
    /// Share of attempts affected while active.
    public var probability: Ratio = .one
    /// For failing faults: how long the injected answer takes (default: at once).
    public var delay: TimeSpan?
    public var location: SourceLocation

    public init(name: String, target: Target, kind: some FaultType, at: TimeReference = .at(.zero), end: End = .runEnd,
                probability: Ratio = .one, delay: TimeSpan? = nil,
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.init(name: name, target: target, anyKind: kind, at: at, end: end, probability: probability, delay: delay,
                  location: location)
    }

    public init(name: String, target: Target, anyKind kind: any FaultType, at: TimeReference = .at(.zero), end: End = .runEnd,
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
