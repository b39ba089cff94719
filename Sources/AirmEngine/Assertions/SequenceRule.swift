import AirmSpec

/// `sequence: [states]`: the states visited in the window, repeats collapsed, the state at the
/// window's start first, equal the list.
struct SequenceRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .sequence(let states) = check else { return nil }
        return "\(provider) sequence \(Self.text(states))"
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .sequence(let states) = check else { return nil }
        let visited = context.history.visited(in: context.window)
        let passed = visited == states
        var message = "\(context.provider) went \(Self.text(visited))\(context.window.suffix)"
        if !passed { message += " (expected \(Self.text(states)))" }
        return Judgement(passed: passed, expected: Self.text(states), observed: Self.text(visited), message: message)
    }

    /// "closed → open → half_open → closed".
    static func text(_ states: [BreakerState]) -> String {
        states.map(\.rawValue).joined(separator: " → ")
    }
}
