import AirmSpec

/// `opens`, `half_opens`, `closes`: the transition into the state happens in [after, after + within],
/// or at least once in the window when the check is `true`.
struct TransitionRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .transition(let state, let after, let within) = check else { return nil }
        let verb = StateWords(state: state).enters
        switch (after, within) {
        case (nil, _): return "\(provider) \(verb)"
        case (let after?, nil): return "\(provider) \(verb) after \(after)"
        case (let after?, let within?): return "\(provider) \(verb) within \(Figures.time(within)) after \(after)"
        }
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .transition(let state, let after, let within) = check else { return nil }
        let words = StateWords(state: state)
        let provider = context.provider
        let entries = context.history.entries(into: state, in: context.window)
        guard let after else { return atLeastOnce(entries, words: words, in: context) }

        let expected = within.map { "within \(Figures.time($0)) after \(after)" } ?? "after \(after)"
        guard let anchor = context.timeline.time(of: after) else {
            return Judgement(passed: false, expected: expected, observed: "not evaluated",
                             message: "\(after) could not be resolved: it names an unknown fault")
        }
        let limit = within.map { anchor + $0 }
        let later = entries.filter { $0 >= anchor }
        if let first = later.first {
            let delay = first - anchor
            let passed = limit.map { first <= $0 } ?? true
            let limitText = within.map { " (limit \(Figures.time($0)))" } ?? ""
            return Judgement(passed: passed, expected: expected,
                             observed: "\(Figures.time(delay)) after \(after)",
                             message: "\(provider) \(words.entered) at \(Figures.time(first)), "
                                 + "\(Figures.time(delay)) after \(after)\(limitText)",
                             isFinal: true)
        }
        let message: String
        if let earlier = entries.last {
            message = "\(provider) did not \(words.enter) after \(after) "
                + "(last \(words.entered) at \(Figures.time(earlier)), before \(after) at \(Figures.time(anchor)))"
        } else {
            message = "\(provider) \(words.neverEntered)\(context.window.suffix)"
        }
        // Past the deadline with no transition, nothing later can make it hold.
        let isFinal = limit.map { $0 < context.observedUntil } ?? false
        return Judgement(passed: false, expected: expected, observed: "never", message: message, isFinal: isFinal)
    }

    private func atLeastOnce(_ entries: [TimeSpan], words: StateWords, in context: BreakerContext) -> Judgement {
        let provider = context.provider
        guard let first = entries.first else {
            return Judgement(passed: false, expected: "at least once", observed: "never",
                             message: "\(provider) \(words.neverEntered)\(context.window.suffix)")
        }
        let count = entries.count > 1 ? " (\(Figures.times(entries.count)))" : ""
        return Judgement(passed: true, expected: "at least once", observed: "at \(Figures.time(first))",
                         message: "\(provider) \(words.entered) at \(Figures.time(first))\(count)", isFinal: true)
    }
}
