/// `sequence: [<state>, …]`: the breaker passes through these states in this order in the window.
extension BreakerCheckKind {
    static let sequence = BreakerCheckKind(
        key: "sequence", schema: ["type": "array", "minItems": 1, "items": ExperimentSchema.ref("state")]
    ) { reader, field in
        guard let items = reader.context.list(field, expecting: "breaker states") else { return nil }
        if items.isEmpty {
            reader.context.error("`sequence` is empty", at: reader.context.location(field.value),
                                 hint: "e.g. `[closed, open, half_open, closed]`")
            return nil
        }
        let states = items.compactMap { reader.state($0, key: "sequence") }
        return states.count == items.count ? .sequence(states) : nil
    }
}
