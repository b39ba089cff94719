/// `ends: <state>`: the breaker's state at the window's end.
extension BreakerCheckKind {
    static let ends = BreakerCheckKind(key: "ends", schema: ExperimentSchema.ref("state")) { reader, field in
        reader.state(field.value, key: "ends").map { .ends($0) }
    }
}
