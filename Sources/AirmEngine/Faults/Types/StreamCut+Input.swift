import AirmSpec

extension FaultInput {
    /// `after: <duration>` or `after_tokens: <n>`: where a stream is cut or reset. With
    /// `required`, one of them must be given; never both.
    func streamCut(required: Bool) -> (ok: Bool, cut: Fault.StreamCut?) {
        let given = present(["after", "after_tokens"])
        if given.count > 1 {
            error("give either `after` or `after_tokens`", at: given[1], hint: "e.g. `after: 200ms` or `after_tokens: 20`")
            return (false, nil)
        }
        guard let key = given.first else {
            if required {
                error("\(typeName) fault `\(faultName)` needs `after` or `after_tokens`", hint: "e.g. `after: 200ms` or `after_tokens: 20`")
            }
            return (!required, nil)
        }
        let cut: Fault.StreamCut? = key == "after" ? duration("after", allowZero: true).map { .afterTime($0) }
            : int("after_tokens", minimum: 0, maximum: 10_000_000).map { .afterTokens($0) }
        return (cut != nil, cut)
    }

    /// The JSON Schema of `after` and `after_tokens`.
    static let streamCutSchema: [(String, SchemaNode)] = [("after", FaultSchema.duration), ("after_tokens", FaultSchema.integer(minimum: 0))]
}
