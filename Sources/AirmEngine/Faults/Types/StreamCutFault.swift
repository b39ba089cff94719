import AirmSpec

/// `stream_cut`: the provider's stream ends early, after a time or a number of tokens:
/// `connection` at the earlier of the cut and the provider's latency.
public struct StreamCutFault: FaultBehavior, Hashable {
    public var cut: Fault.StreamCut

    public init(_ cut: Fault.StreamCut) { self.cut = cut }

    // MARK: - File format

    public static let name = "stream_cut"
    public static let keys = ["after", "after_tokens"]
    public static let schema = FaultSchema(FaultInput.streamCutSchema)

    public static func parse(_ input: FaultInput) -> StreamCutFault? {
        input.streamCut(required: true).cut.map(StreamCutFault.init)
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        effect.decide(.cut(cut), by: attempt)
    }
}

extension FaultType where Self == StreamCutFault {
    public static func streamCut(_ cut: Fault.StreamCut) -> StreamCutFault { StreamCutFault(cut) }
}
