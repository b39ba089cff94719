/// A point in the run: a duration from the start, `start`, `end`, `<fault>.start` or `<fault>.end`,
/// optionally followed by `+ 5s` or `- 5s` (docs/experiment-format.md "Units").
public struct TimeReference: Sendable, Hashable, CustomStringConvertible {
    public enum Anchor: Sendable, Hashable {
        case runStart
        case runEnd
        case faultStart(String)
        case faultEnd(String)
    }

    public var anchor: Anchor
    public var offset: TimeSpan
    public var location: SourceLocation?

    public init(anchor: Anchor = .runStart, offset: TimeSpan = .zero, location: SourceLocation? = nil) {
        self.anchor = anchor
        self.offset = offset
        self.location = location
    }

    /// An offset from the run's start.
    public static func at(_ offset: TimeSpan) -> TimeReference { TimeReference(anchor: .runStart, offset: offset) }

    /// The fault named by the anchor, if any.
    public var faultName: String? {
        switch anchor {
        case .faultStart(let name), .faultEnd(let name): name
        case .runStart, .runEnd: nil
        }
    }

    /// The canonical text: `30s`, `end - 5s`, `gemini-outage.start + 10s`.
    public var description: String {
        let base: String
        switch anchor {
        case .runStart: return offset.description
        case .runEnd: base = "end"
        case .faultStart(let name): base = "\(name).start"
        case .faultEnd(let name): base = "\(name).end"
        }
        if offset == .zero { return base }
        return offset < .zero ? "\(base) - \(TimeSpan(nanoseconds: -offset.nanoseconds))" : "\(base) + \(offset)"
    }
}

/// The span of the run an assertion or expectation looks at.
public enum Window: Sendable, Hashable, CustomStringConvertible {
    /// [0, end): the default.
    case run
    /// [fault.start, fault.end)
    case during(String)
    /// [0, fault.start)
    case before(String)
    /// [fault.end, end)
    case after(String)
    case range(from: TimeReference, to: TimeReference)

    public var description: String {
        switch self {
        case .run: "run"
        case .during(let fault): "during \(fault)"
        case .before(let fault): "before \(fault)"
        case .after(let fault): "after \(fault)"
        case .range(let from, let to): "from \(from) to \(to)"
        }
    }
}
