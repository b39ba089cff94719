import AirmSpec

/// `error`: an injected HTTP error answer, no call sent. The status maps to its error kind
/// (`ErrorKind.forStatus`), with no Retry-After; live, it is the provider's native error body.
public struct ErrorFault: FaultBehavior, Hashable {
    public var status: Int

    public init(status: Int = 500) { self.status = status }

    // MARK: - File format

    public static let name = "error"
    public static let keys = ["status"]
    public static let schema = FaultSchema([("status", FaultSchema.integer(minimum: 400, maximum: 599))])

    public static func parse(_ input: FaultInput) -> ErrorFault? {
        guard input.has("status") else { return ErrorFault() }
        return input.int("status", minimum: 400, maximum: 599).map(ErrorFault.init)
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided, let kind = ErrorKind.forStatus(status) else { return }
        effect.decide(.answer(kind, after: attempt.delay, retryAfter: nil), by: attempt)
    }

    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery {
        if case .answer = outcome { return .respond(status: status) }
        return .standard(for: outcome)
    }
}

extension FaultType where Self == ErrorFault {
    public static func error(status: Int) -> ErrorFault { ErrorFault(status: status) }
}
