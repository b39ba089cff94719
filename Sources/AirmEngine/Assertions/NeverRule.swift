import AirmSpec

/// `never: <state>`: the breaker is never in that state in the window, neither entering it nor
/// already in it at the window's start.
struct NeverRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .never(let state) = check else { return nil }
        return "\(provider) \(StateWords(state: state).neverEnters)"
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .never(let state) = check else { return nil }
        let words = StateWords(state: state)
        let provider = context.provider
        let expected = "never \(state.rawValue)"
        let start = context.window.span.start
        if context.history.state(before: start) == state {
            return Judgement(passed: false, expected: expected, observed: "\(state.rawValue) at \(Figures.time(start))",
                             message: "\(provider) was already \(state.rawValue) at \(Figures.time(start)) (window start)",
                             isFinal: true)
        }
        let entries = context.history.entries(into: state, in: context.window)
        guard let first = entries.first else {
            return Judgement(passed: true, expected: expected, observed: "never",
                             message: "\(provider) \(words.neverEntered)\(context.window.suffix)")
        }
        let message = entries.count == 1
            ? "\(provider) \(words.entered) at \(Figures.time(first))"
            : "\(provider) \(words.entered) \(Figures.times(entries.count)), first at \(Figures.time(first))"
        return Judgement(passed: false, expected: expected, observed: "\(words.entered) at \(Figures.time(first))",
                         message: message, isFinal: true)
    }
}
