/// `never: <state>`: the breaker is never in that state in the window.
extension BreakerCheckKind {
    static let never = BreakerCheckKind(key: "never", schema: ExperimentSchema.ref("state")) { reader, field in
        reader.state(field.value, key: "never").map { .never($0) }
    }
}
