import AirmSpec

/// `unavailable`: the provider cannot be reached, no call sent; `unavailable` after the
/// fault's `delay:`. Live, a refused connection.
public struct UnavailableFault: FaultBehavior, Hashable {
    public init() {}

    // MARK: - File format

    public static let name = "unavailable"
    public static let keys: [String] = []
    public static let schema = FaultSchema()

    public static func parse(_ input: FaultInput) -> UnavailableFault? { UnavailableFault() }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        effect.decide(.answer(.unavailable, after: attempt.delay, retryAfter: nil), by: attempt)
    }
}

extension FaultType where Self == UnavailableFault {
    public static var unavailable: UnavailableFault { UnavailableFault() }
}
