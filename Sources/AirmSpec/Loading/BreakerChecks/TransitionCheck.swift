/// `opens`, `half_opens`, `closes`: `true`, or `{ after: <time ref>, within: <duration> }`.
extension BreakerCheckKind {
    static let opens = transition("opens", to: .open)
    static let halfOpens = transition("half_opens", to: .halfOpen)
    static let closes = transition("closes", to: .closed)

    private static func transition(_ key: String, to state: BreakerState) -> BreakerCheckKind {
        BreakerCheckKind(key: key, schema: ExperimentSchema.ref("transition")) { reader, field in
            reader.readTransition(field, to: state)
        }
    }
}
