/// One kind of breaker check as an experiment file writes it (docs/experiment-format.md,
/// "Breaker assertions"): its key, the JSON Schema of its value, and how the loader reads it.
///
/// An implementation reads only its own key's value; the loader has already checked that the
/// assertion names a breaker and holds exactly one check.
struct BreakerCheckKind: Sendable {
    /// The YAML key, e.g. `opens` or `max_time_open`.
    var key: String
    /// The schema of the key's value, for `airm schema`.
    var schema: SchemaNode
    /// The check, or `nil` after reporting what is wrong with the value.
    var read: @Sendable (ExperimentReader, Field) -> BreakerCheck?
}

/// Every breaker check kind. A new kind is one file in this folder plus one line here; the
/// loader's allowed keys, its "did you mean" vocabulary and the JSON Schema all come from this list.
enum BreakerChecks {
    static let all: [BreakerCheckKind] = [
        .opens,
        .halfOpens,
        .closes,
        .never,
        .sequence,
        .maxOpens,
        .maxTimeOpen,
        .ends,
    ]

    /// The catalog entry for `key`, if any.
    static func named(_ key: String) -> BreakerCheckKind? {
        all.first { $0.key == key }
    }
}
