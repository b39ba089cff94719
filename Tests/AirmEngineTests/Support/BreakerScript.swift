import AirmEngine
import AirmSpec

/// Drives a breaker through scripted calls and collects its transitions.
struct BreakerScript {
    var breaker: CircuitBreaker
    var transitions: [TransitionRecord] = []

    init(_ policy: BreakerPolicy) {
        breaker = CircuitBreaker(provider: "p", policy: policy)
    }

    /// A call permitted at `start` and ending at `end` (default: the same instant). Returns whether it was let through.
    @discardableResult
    mutating func call(at start: Double, end: Double? = nil, _ result: AttemptResult) -> Bool {
        guard case .granted(let token) = permit(at: start) else { return false }
        finish(token, at: end ?? start, result)
        return true
    }

    mutating func permit(at time: Double) -> CircuitBreaker.Permit {
        fire(upTo: time)
        return breaker.permit(at: .seconds(time))
    }

    mutating func finish(_ token: CircuitBreaker.Token, at time: Double, _ result: AttemptResult) {
        fire(upTo: time)
        if let record = breaker.record(result, token: token, at: .seconds(time)) { transitions.append(record) }
    }

    /// Fires every timer due at or before `time`, at its exact time, as a driver would.
    mutating func fire(upTo time: Double) {
        while let timer = breaker.nextTimer, timer <= .seconds(time) {
            guard let record = breaker.fire(at: timer) else { break }
            transitions.append(record)
        }
    }

    /// Transitions as (seconds, from → to, reason).
    var log: [String] {
        transitions.map { "\($0.at.seconds) \($0.from.rawValue)->\($0.to.rawValue) \($0.reason)" }
    }

    static let fail = AttemptResult.failure(.unavailable)
    static let ok = AttemptResult.success(slow: false)
    static let slow = AttemptResult.success(slow: true)
}
