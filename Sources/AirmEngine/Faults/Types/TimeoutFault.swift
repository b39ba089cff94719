import AirmSpec

/// `timeout`: the call never answers; the attempt ends at its time limit as `timeout`.
public struct TimeoutFault: FaultBehavior, Hashable {
    public init() {}

    // MARK: - File format

    public static let name = "timeout"
    public static let keys: [String] = []
    public static let schema = FaultSchema()

    public static func parse(_ input: FaultInput) -> TimeoutFault? { TimeoutFault() }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        effect.decide(.hang, by: attempt)
    }
}

extension FaultType where Self == TimeoutFault {
    public static var timeout: TimeoutFault { TimeoutFault() }
}
