import Yams

/// `providers:` (docs/experiment-format.md).
extension ExperimentReader {
    static let providerKeys = ["type", "model", "endpoint", "api_key", "simulate", "upstream"]
    static let simulateKeys = ["latency", "error_rate", "rate_limit", "capacity"]

    func readProviders(_ field: Field) -> [Provider]? {
        guard let fields = Fields(field.value, what: "`providers`", allowed: [], owner: context.location(field.keyNode),
                                  duplicateLabel: "provider", context: context) else { return nil }
        if fields.ordered.isEmpty {
            context.error("`providers` is empty", at: context.location(field.keyNode), hint: "name at least one provider, e.g. `gemini: { type: gemini }`")
            return nil
        }
        var providers: [Provider] = []
        var ok = true
        for entry in fields.ordered {
            if let provider = readProvider(entry) { providers.append(provider) } else { ok = false }
        }
        return ok ? providers : nil
    }

    private func readProvider(_ entry: Field) -> Provider? {
        let location = context.location(entry.keyNode)
        let name = context.name(entry.keyNode, key: entry.key, kind: "provider")
        if let name { define(name, at: location, kind: "provider", in: &providerNames) }
        guard let fields = Fields(entry.value, what: "provider `\(entry.key)`", allowed: Self.providerKeys,
                                  owner: location, context: context) else { return nil }
        var kind: Provider.Kind?
        if let typeField = fields["type"] {
            kind = context.choice(typeField.value, key: "type", Provider.Kind.self)
        } else if let implied = Provider.Kind(rawValue: entry.key) {
            kind = implied
        } else {
            context.error("provider `\(entry.key)` needs `type`", at: location,
                          hint: "one of " + Provider.Kind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
        }
        let model = fields["model"].flatMap(context.string)
        let endpoint = fields["endpoint"].flatMap(context.interpolated)
        let apiKey = fields["api_key"].flatMap(context.interpolated)
        if let field = fields["api_key"], case .scalar(let scalar) = field.value, SecretText.exposes(scalar.string) {
            let at = context.location(field.value)
            context.warning("`api_key` holds a key in the file (a literal or a `${VAR:-…}` default); it would be committed with the file",
                            at: at, hint: "write `api_key: ${VAR}` and export VAR; reports show this value as \(SecretText.redacted)")
            secrets.append((at, scalar.string))
        }
        let simulate = fields["simulate"].map(readSimulate) ?? SimulatedBehavior()
        let upstream = fields["upstream"].map(readUpstream)
        guard let name, let kind, let simulate, upstream != .some(nil) else { return nil }
        var provider = Provider(name: name, kind: kind, model: model, endpoint: endpoint, apiKey: apiKey, simulate: simulate,
                                location: location)
        provider.upstream = upstream ?? nil
        return provider
    }

    /// `upstream`: the real API the provider's fake forwards to (docs/app-mode.md "Proxy mode"),
    /// an absolute `http` or `https` URL.
    private func readUpstream(_ field: Field) -> Interpolated? {
        guard let value = context.interpolated(field) else { return nil }
        guard ProxyUpstreamURL.isValid(value.value) else {
            let unset = value.missing.map { " (`${\($0)}` is not set)" }.joined()
            context.error("`upstream` must be an absolute http or https URL, not `\(value.value)`" + unset, at: value.location,
                          hint: "e.g. `upstream: https://generativelanguage.googleapis.com`")
            return nil
        }
        if !isAppMode {
            context.warning("`upstream` is used by `mode: app` and `airm fake-providers --per-provider` only; simulated and live runs ignore it",
                            at: context.location(field.keyNode), hint: "add `mode: app`, or serve the file with `airm fake-providers --experiment FILE --per-provider`")
        }
        return value
    }

    private func readSimulate(_ field: Field) -> SimulatedBehavior? {
        guard let fields = Fields(field.value, what: "`simulate`", allowed: Self.simulateKeys,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        var behavior = SimulatedBehavior()
        var ok = true
        if let latency = fields["latency"] {
            if let value = readLatency(latency) { behavior.latency = value } else { ok = false }
        }
        if let rate = fields["error_rate"] {
            if let value = context.ratio(rate) { behavior.errorRate = value } else { ok = false }
        }
        if let limit = fields["rate_limit"] {
            if let value = context.rate(limit.value, key: "rate_limit") { behavior.rateLimit = value } else { ok = false }
        }
        if let capacity = fields["capacity"] {
            if let value = context.int(capacity, minimum: 1) { behavior.capacity = value } else { ok = false }
        }
        return ok ? behavior : nil
    }

    // MARK: - Latency distributions

    /// `300ms` | `{ median:, p99: }` | `{ uniform: [a, b] }` | `{ exponential: mean }`.
    func readLatency(_ field: Field) -> LatencyDistribution? {
        if case .scalar = field.value {
            return context.duration(field).map { .fixed($0) }
        }
        guard let fields = Fields(field.value, what: "`latency`", allowed: ["median", "p99", "uniform", "exponential"],
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        let forms = [fields.has("median") || fields.has("p99"), fields.has("uniform"), fields.has("exponential")].filter { $0 }.count
        guard forms == 1 else {
            context.error(forms == 0 ? "`latency` gives no distribution" : "`latency` mixes several distributions",
                          at: context.location(field.keyNode),
                          hint: "write one of `300ms`, `{ median: 450ms, p99: 2s }`, `{ uniform: [100ms, 300ms] }`, `{ exponential: 400ms }`")
            return nil
        }
        if let uniform = fields["uniform"] {
            guard let items = context.list(uniform, expecting: "two durations") else { return nil }
            guard items.count == 2 else {
                context.error("`uniform` takes two durations, [low, high]", at: context.location(uniform.value))
                return nil
            }
            guard let low = context.duration(items[0], key: "uniform", allowZero: true),
                  let high = context.duration(items[1], key: "uniform", allowZero: true) else { return nil }
            guard low <= high else {
                context.error("`uniform` low bound \(low) is above the high bound \(high)", at: context.location(items[0]))
                return nil
            }
            return .uniform(low, high)
        }
        if let exponential = fields["exponential"] {
            return context.duration(exponential).map { .exponential(mean: $0) }
        }
        let median = fields.require("median", in: "`latency`", context: context).flatMap { context.duration($0) }
        let p99Field = fields.require("p99", in: "`latency`", context: context)
        let p99 = p99Field.flatMap { context.duration($0) }
        guard let median, let p99, let p99Field else { return nil }
        guard p99 >= median else {
            context.error("`p99` \(p99) is below the median \(median)", at: context.location(p99Field.value))
            return nil
        }
        return .lognormal(median: median, p99: p99)
    }
}
