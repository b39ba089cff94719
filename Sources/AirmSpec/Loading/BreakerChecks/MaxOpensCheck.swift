/// `max_opens: <count>`: the breaker opens at most that many times in the window.
extension BreakerCheckKind {
    static let maxOpens = BreakerCheckKind(key: "max_opens", schema: ExperimentSchema.integer(minimum: 0)) { reader, field in
        reader.context.int(field, minimum: 0, maximum: 1_000_000).map { .maxOpens($0) }
    }
}
