import Yams

/// `app.breakers`: where airm reads the app's own breaker states (docs/app-mode.md "Reading the
/// app's breakers").
extension ExperimentReader {
    func readBreakerReading(_ field: Field) -> BreakerReading? {
        guard let fields = Fields(field.value, what: "`breakers`", allowed: Self.breakerSourceKeys,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        let sources = fields.ordered
        guard let source = sources.first else {
            context.error("`breakers` needs `prometheus` or `json`", at: fields.owner,
                          hint: "e.g. `prometheus: { url: http://127.0.0.1:8000/metrics, metric: breaker_state }`")
            return nil
        }
        if sources.count > 1 {
            context.error("`breakers` gives both `prometheus` and `json`", at: context.location(sources[1].keyNode),
                          hint: "read the breakers from one place")
            return nil
        }
        return source.key == "prometheus" ? readPrometheus(source) : readJSONStatus(source)
    }

    private func readPrometheus(_ field: Field) -> BreakerReading? {
        guard let fields = Fields(field.value, what: "`prometheus`", allowed: Self.prometheusKeys,
                                  owner: context.location(field.keyNode), context: context),
              let urlField = fields.require("url", in: "`prometheus`", hint: "e.g. `url: http://127.0.0.1:8000/metrics`", context: context),
              let metricField = fields.require("metric", in: "`prometheus`", hint: "e.g. `metric: resilience4j_circuitbreaker_state`", context: context),
              let url = readURL(urlField), let metric = context.string(metricField) else { return nil }
        let nameLabel = fields["name_label"].flatMap(context.string) ?? "name"
        let stateLabel = fields["state_label"].flatMap(context.string)
        var values = BreakerReading.defaultValues
        if let states = fields["states"] {
            if stateLabel != nil {
                context.error("`states` maps a gauge's values; with `state_label` the state is read from the label",
                              at: context.location(states.keyNode), hint: "give one of `states` and `state_label`")
            }
            values = readStateValues(states) ?? values
        }
        var reading = BreakerReading(url: url, source: .prometheus(metric: metric, nameLabel: nameLabel, stateLabel: stateLabel, values: values))
        readCommon(fields, into: &reading)
        return reading
    }

    private func readJSONStatus(_ field: Field) -> BreakerReading? {
        guard let fields = Fields(field.value, what: "`json`", allowed: Self.jsonStatusKeys,
                                  owner: context.location(field.keyNode), context: context),
              let urlField = fields.require("url", in: "`json`", hint: "e.g. `url: http://127.0.0.1:8000/circuit-breaker/status`", context: context),
              let url = readURL(urlField) else { return nil }
        var path = "$"
        if let field = fields["path"], let text = context.string(field) {
            if JSONPathSubset.isValid(text) {
                path = text
            } else {
                context.error("`path` `\(text)` is not a path airm reads", at: context.location(field.value),
                              hint: "start at `$` and use `.key` and `[*]`, e.g. `$.breakers[*]`")
            }
        }
        var reading = BreakerReading(url: url, source: .json(path: path))
        readCommon(fields, into: &reading)
        return reading
    }

    private func readCommon(_ fields: Fields, into reading: inout BreakerReading) {
        if let every = fields["every"] { reading.every = context.duration(every) ?? reading.every }
        if let names = fields["names"],
           let entries = Fields(names.value, what: "`names`", allowed: [], owner: context.location(names.keyNode),
                                duplicateLabel: "breaker name", context: context) {
            for entry in entries.ordered {
                guard let provider = context.name(entry.value, key: entry.key, kind: "provider") else { continue }
                references.append(Reference(name: provider, kind: .provider, location: context.location(entry.value)))
                reading.names[entry.key] = provider
            }
        }
    }

    /// `states: { closed: 0, open: 1, half_open: 2 }`: which gauge value means which state.
    private func readStateValues(_ field: Field) -> [Double: BreakerState]? {
        let allowed = BreakerReading.stateNames
        guard let fields = Fields(field.value, what: "`states`", allowed: allowed,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        var values: [Double: BreakerState] = [:]
        for entry in fields.ordered {
            guard let state = BreakerState(rawValue: entry.key),
                  let value = context.double(entry, minimum: -1_000_000) else { continue }
            values[value] = state
        }
        if values.values.contains(.open) == false {
            context.error("`states` must say which value means `open`", at: fields.owner, hint: "e.g. `states: { closed: 0, open: 1, half_open: 2 }`")
            return nil
        }
        return values
    }
}
