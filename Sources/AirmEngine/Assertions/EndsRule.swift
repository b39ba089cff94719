import AirmSpec

/// `ends: <state>`: the breaker's state at the window's end; for the whole run, at `end` (the
/// experiment's duration).
struct EndsRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .ends(let state) = check else { return nil }
        return "\(provider) ends \(state.rawValue)"
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .ends(let state) = check else { return nil }
        let end = context.window.span.end
        let observed = context.history.state(at: end)
        var message = "\(context.provider) was \(observed.rawValue) at \(Figures.time(end))"
        if observed != state { message += " (expected \(state.rawValue))" }
        return Judgement(passed: observed == state, expected: state.rawValue, observed: observed.rawValue, message: message)
    }
}
