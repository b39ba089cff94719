import AirmSpec

/// `corrupt`: the provider answers with its own latency, but the body is unusable (`corrupt`).
/// Live, the real body is spoiled `how:` the fault says, so the client's parser must notice.
public struct CorruptFault: FaultBehavior, Hashable {
    public var how: Fault.Corruption

    public init(how: Fault.Corruption = .malformed) { self.how = how }

    // MARK: - File format

    public static let name = "corrupt"
    public static let keys = ["how"]
    public static let schema = FaultSchema([("how", FaultSchema.choice(Fault.Corruption.allCases.map(\.rawValue)))])

    public static func parse(_ input: FaultInput) -> CorruptFault? {
        guard input.has("how") else { return CorruptFault() }
        return input.choice("how", Fault.Corruption.self).map(CorruptFault.init)
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        effect.decide(.corrupt, by: attempt)
    }

    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery {
        if case .corrupt = outcome { return .corrupt(how) }
        return .standard(for: outcome)
    }
}

extension FaultType where Self == CorruptFault {
    public static func corrupt(_ how: Fault.Corruption) -> CorruptFault { CorruptFault(how: how) }
}
