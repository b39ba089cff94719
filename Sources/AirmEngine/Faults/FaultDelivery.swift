import AirmSpec

/// How a live exchange carries out a fault's outcome: what AirmHTTP's `FaultTransport` does
/// to a real call, and what the fake server sends (docs/experiment-format.md "faults").
public enum FaultDelivery: Sendable, Hashable {
    /// The real answer, untouched.
    case real
    /// The provider's native error response with this status, no call sent.
    case respond(status: Int)
    /// A refused connection, no call sent.
    case refuse
    /// The connection reset before any answer.
    case reset
    /// No answer at all.
    case hang
    /// The real answer, spoiled.
    case corrupt(Fault.Corruption)
    /// The real stream, ended early: its body closed partway through an event.
    case cut(Fault.StreamCut)
    /// The real stream, its body ended cleanly at this point, before its final event.
    case endAfter(Fault.StreamCut)
    /// The real stream, its connection reset at this point.
    case resetAfter(Fault.StreamCut)

    /// The delivery of an outcome when the deciding fault asks for nothing special.
    public static func standard(for outcome: FaultEffect.Outcome) -> FaultDelivery {
        switch outcome {
        case .passThrough: .real
        case .answer(.unavailable, _, _): .refuse
        case .answer(.connection, _, _): .reset
        case .answer(let kind, _, _): .respond(status: status(for: kind))
        case .hang: .hang
        case .corrupt: .corrupt(.malformed)
        case .cut(let cut): .cut(cut)
        }
    }

    /// The HTTP status an injected failure of `kind` answers with.
    public static func status(for kind: ErrorKind) -> Int {
        switch kind {
        case .rateLimited: 429
        case .unavailable: 503
        case .auth: 401
        case .badRequest: 400
        case .timeout: 408
        default: 500
        }
    }
}
