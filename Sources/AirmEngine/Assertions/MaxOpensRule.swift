import AirmSpec

/// `max_opens: N`: the breaker entered open at most N times in the window (a flap guard).
struct MaxOpensRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .maxOpens(let limit) = check else { return nil }
        return "\(provider) opens at most \(Figures.times(limit))"
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .maxOpens(let limit) = check else { return nil }
        let opens = context.history.entries(into: .open, in: context.window).count
        let what = opens == 0 ? "never opened" : "opened \(Figures.times(opens))"
        return Judgement(passed: opens <= limit, expected: "<= \(limit)", observed: String(opens),
                         message: "\(context.provider) \(what)\(context.window.suffix) (limit \(limit))",
                         isFinal: opens > limit)
    }
}
