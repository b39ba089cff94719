import AirmSpec

/// `reset`: the connection is reset abruptly, before the answer or after a time or a number
/// of tokens into a streamed answer: `connection`. Before the answer it comes after the
/// fault's `delay:` (else at once); into the answer, at the earlier of that point and the
/// provider's latency, like `stream_cut`.
public struct ResetFault: FaultBehavior, Hashable {
    /// `nil`: before the answer.
    public var after: Fault.StreamCut?

    public init(after: Fault.StreamCut? = nil) { self.after = after }

    // MARK: - File format

    public static let name = "reset"
    public static let keys = ["after", "after_tokens"]
    public static let schema = FaultSchema(FaultInput.streamCutSchema)

    public static func parse(_ input: FaultInput) -> ResetFault? {
        let (ok, cut) = input.streamCut(required: false)
        return ok ? ResetFault(after: cut) : nil
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        if let after {
            effect.decide(.cut(after), by: attempt)
        } else {
            effect.decide(.answer(.connection, after: attempt.delay, retryAfter: nil), by: attempt)
        }
    }

    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery {
        switch outcome {
        case .answer: .reset
        case .cut(let cut): .resetAfter(cut)
        case .passThrough, .hang, .corrupt: .standard(for: outcome)
        }
    }
}

extension FaultType where Self == ResetFault {
    public static func reset(after: Fault.StreamCut? = nil) -> ResetFault { ResetFault(after: after) }
}
