import AirmSpec

/// `intermittent`: alternating failing (`down`) and healthy (`up`) periods from the start of
/// the fault's window, starting with `down`. While down it fails `as:` an error, a timeout or
/// an unavailable provider.
public struct IntermittentFault: FaultBehavior, Hashable {
    /// What the fault does while down (`as:`).
    public enum Failure: Sendable, Hashable {
        case error(status: Int)
        case timeout
        case unavailable
    }

    public var up: TimeSpan
    public var down: TimeSpan
    public var failure: Failure

    public init(up: TimeSpan, down: TimeSpan, failure: Failure = .error(status: 500)) {
        self.up = up
        self.down = down
        self.failure = failure
    }

    // MARK: - File format

    public static let name = "intermittent"
    public static let keys = ["up", "down", "as", "status"]
    public static let schema = FaultSchema([
        ("up", FaultSchema.duration), ("down", FaultSchema.duration),
        ("as", FaultSchema.choice(Mode.allCases.map(\.rawValue))),
        ("status", FaultSchema.integer(minimum: 400, maximum: 599)),
    ], required: ["up", "down"])

    private enum Mode: String, CaseIterable { case error, timeout, unavailable }

    public static func parse(_ input: FaultInput) -> IntermittentFault? {
        let up = input.require("up", hint: "e.g. `up: 10s`") ? input.duration("up") : nil
        let down = input.require("down", hint: "e.g. `down: 5s`") ? input.duration("down") : nil
        let mode = input.has("as") ? input.choice("as", Mode.self) : .error
        var failure: Failure?
        switch mode {
        case .error?:
            failure = input.has("status") ? input.int("status", minimum: 400, maximum: 599).map { .error(status: $0) } : .error(status: 500)
        case .timeout?: failure = .timeout
        case .unavailable?: failure = .unavailable
        case nil: failure = nil
        }
        if input.has("status"), let mode, mode != .error {
            input.error("`status` applies only to `as: error`", at: "status")
            return nil
        }
        guard let up, let down, let failure else { return nil }
        return IntermittentFault(up: up, down: down, failure: failure)
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        let period = up.nanoseconds + down.nanoseconds
        guard period > 0, (attempt.startsAt.nanoseconds - attempt.windowStart.nanoseconds) % period < down.nanoseconds else { return }
        switch failure {
        case .error(let status):
            guard let kind = ErrorKind.forStatus(status) else { return }
            effect.decide(.answer(kind, after: attempt.delay, retryAfter: nil), by: attempt)
        case .timeout:
            effect.decide(.hang, by: attempt)
        case .unavailable:
            effect.decide(.answer(.unavailable, after: attempt.delay, retryAfter: nil), by: attempt)
        }
    }

    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery {
        if case .answer = outcome, case .error(let status) = failure { return .respond(status: status) }
        return .standard(for: outcome)
    }
}

extension FaultType where Self == IntermittentFault {
    public static func intermittent(up: TimeSpan, down: TimeSpan, failure: IntermittentFault.Failure) -> IntermittentFault {
        IntermittentFault(up: up, down: down, failure: failure)
    }
}
