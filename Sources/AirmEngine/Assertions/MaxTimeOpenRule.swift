import AirmSpec

/// `max_time_open: <duration>`: the total time spent open in the window is at most this; a stay
/// still going at the window's end counts up to that end.
struct MaxTimeOpenRule: BreakerRule {
    func name(of check: BreakerCheck, provider: String) -> String? {
        guard case .maxTimeOpen(let limit) = check else { return nil }
        return "\(provider) open at most \(Figures.time(limit)) in total"
    }

    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement? {
        guard case .maxTimeOpen(let limit) = check else { return nil }
        let (total, ongoing) = context.history.time(in: .open, within: context.window)
        let still = ongoing && total > .zero ? ", still open at the end" : ""
        return Judgement(passed: total <= limit, expected: "<= \(Figures.time(limit))", observed: Figures.time(total),
                         message: "\(context.provider) was open \(Figures.time(total)) in total"
                             + "\(context.window.suffix) (limit \(Figures.time(limit))\(still))",
                         isFinal: total > limit)
    }
}
