/// `max_time_open: <duration>`: the breaker is open for at most that long in total in the window.
extension BreakerCheckKind {
    static let maxTimeOpen = BreakerCheckKind(key: "max_time_open", schema: ExperimentSchema.ref("duration")) { reader, field in
        reader.context.duration(field, allowZero: true).map { .maxTimeOpen($0) }
    }
}
