import AirmSpec

/// `stream_cut`: the provider's stream ends early, after a time or a number of tokens:
/// `connection` at the earlier of the cut and the provider's latency. `ending` says how the
/// stream ends there (docs/experiment-format.md "`stream_cut`"); every ending is `connection`.
public struct StreamCutFault: FaultBehavior, Hashable {
    public var cut: Fault.StreamCut
    public var ending: Fault.StreamEnding

    public init(_ cut: Fault.StreamCut, ending: Fault.StreamEnding = .truncated) {
        self.cut = cut
        self.ending = ending
    }

    // MARK: - File format

    public static let name = "stream_cut"
    public static let keys = ["after", "after_tokens", "ending"]
    public static let schema = FaultSchema(FaultInput.streamCutSchema
        + [("ending", FaultSchema.choice(Fault.StreamEnding.allCases.map(\.rawValue)))])

    public static func parse(_ input: FaultInput) -> StreamCutFault? {
        let cut = input.streamCut(required: true).cut
        var ending = Fault.StreamEnding.truncated
        if input.has("ending") {
            guard let given = input.choice("ending", Fault.StreamEnding.self) else { return nil }
            ending = given
        }
        return cut.map { StreamCutFault($0, ending: ending) }
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        effect.decide(.cut(cut), by: attempt)
    }

    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery {
        guard case .cut(let cut) = outcome else { return .standard(for: outcome) }
        switch ending {
        case .truncated: return .cut(cut)
        case .clean: return .endAfter(cut)
        case .reset: return .resetAfter(cut)
        }
    }
}

extension FaultType where Self == StreamCutFault {
    public static func streamCut(_ cut: Fault.StreamCut, ending: Fault.StreamEnding = .truncated) -> StreamCutFault {
        StreamCutFault(cut, ending: ending)
    }
}
