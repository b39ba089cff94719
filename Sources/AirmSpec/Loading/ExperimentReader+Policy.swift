import Yams

/// The policy as read, before `route` gets its default from the providers.
struct PolicyDraft {
    var route: [String]?
    var defaults = ProviderPolicy()
    var overrides: [String: ProviderPolicy] = [:]
    var deadline: TimeSpan?
    var fallback: StaticFallback?

    func resolved(providers: [Provider]) -> Policy {
        Policy(route: route ?? providers.map(\.name), defaults: defaults, overrides: overrides,
               deadline: deadline, fallback: fallback)
    }
}

/// `policy:` (docs/experiment-format.md "`policy`").
extension ExperimentReader {
    static let policyKeys = ["route", "timeout", "deadline", "retry", "breaker", "overrides", "fallback"]
    static let overrideKeys = ["timeout", "retry", "breaker"]
    static let retryKeys = ["max_attempts", "backoff", "on", "retry_after"]
    static let backoffKeys = ["initial", "multiplier", "max", "jitter"]
    static let breakerKeys = ["consecutive_failures", "failure_rate", "window", "minimum_calls", "slow_call",
                              "open_for", "open_backoff", "half_open", "failures"]

    func readPolicy(_ field: Field?) -> PolicyDraft? {
        guard let field else { return PolicyDraft() }
        guard let fields = Fields(field.value, what: "`policy`", allowed: Self.policyKeys,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        var draft = PolicyDraft()
        let errorsBefore = context.diagnostics.count
        if let route = fields["route"] { draft.route = readRoute(route) }
        draft.defaults = readProviderPolicy(fields, base: ProviderPolicy())
        if let deadline = fields["deadline"] { draft.deadline = context.duration(deadline) }
        if let fallback = fields["fallback"] {
            if let inner = Fields(fallback.value, what: "`fallback`", allowed: ["response"],
                                  owner: context.location(fallback.keyNode), context: context),
               let response = inner.require("response", in: "`fallback`", hint: "e.g. `response: \"Try again later.\"`", context: context) {
                draft.fallback = context.string(response).map(StaticFallback.init(response:))
            }
        }
        if let overrides = fields["overrides"],
           let entries = Fields(overrides.value, what: "`overrides`", allowed: [], owner: context.location(overrides.keyNode),
                                duplicateLabel: "override", context: context) {
            for entry in entries.ordered {
                guard let provider = context.name(entry.keyNode, key: entry.key, kind: "provider") else { continue }
                references.append(Reference(name: provider, kind: .provider, location: context.location(entry.keyNode)))
                guard let inner = Fields(entry.value, what: "the override for `\(entry.key)`", allowed: Self.overrideKeys,
                                         owner: context.location(entry.keyNode), context: context) else { continue }
                draft.overrides[provider] = readProviderPolicy(inner, base: draft.defaults)
            }
        }
        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        return hadErrors ? nil : draft
    }

    private func readRoute(_ field: Field) -> [String]? {
        guard let items = context.list(field, expecting: "provider names") else { return nil }
        if items.isEmpty {
            context.error("`route` is empty", at: context.location(field.value), hint: "list providers in the order to try them")
            return nil
        }
        var route: [String] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let name = context.name(item, key: "route", kind: "provider") else { continue }
            let location = context.location(item)
            if let first = seen[name] {
                context.error("`\(name)` appears twice in `route`", at: location,
                              notes: [Diagnostic(.note, "first listed here", at: first)])
                continue
            }
            seen[name] = location
            references.append(Reference(name: name, kind: .provider, location: location))
            route.append(name)
        }
        return route
    }

    /// Timeout, retry and breaker keys of `fields` applied over `base` (partial values merge).
    private func readProviderPolicy(_ fields: Fields, base: ProviderPolicy) -> ProviderPolicy {
        var policy = base
        if let timeout = fields["timeout"], let value = context.duration(timeout) { policy.timeout = value }
        if let retry = fields["retry"] { policy.retry = readRetry(retry, base: base.retry) }
        if let breaker = fields["breaker"] { policy.breaker = readBreaker(breaker, base: base.breaker) }
        return policy
    }

    // MARK: - Retry

    private func readRetry(_ field: Field, base: RetryPolicy) -> RetryPolicy {
        var retry = base
        guard let fields = Fields(field.value, what: "`retry`", allowed: Self.retryKeys,
                                  owner: context.location(field.keyNode), context: context) else { return retry }
        if let value = fields["max_attempts"].flatMap({ context.int($0, minimum: 1, maximum: 100) }) { retry.maxAttempts = value }
        if let value = fields["on"].flatMap(context.errorKinds) { retry.on = value }
        if let value = fields["retry_after"].flatMap({ context.choice($0.value, key: "retry_after", RetryPolicy.RetryAfter.self) }) {
            retry.retryAfter = value
        }
        if let backoff = fields["backoff"],
           let inner = Fields(backoff.value, what: "`backoff`", allowed: Self.backoffKeys,
                              owner: context.location(backoff.keyNode), context: context) {
            if let value = inner["initial"].flatMap({ context.duration($0, allowZero: true) }) { retry.backoff.initial = value }
            if let value = inner["multiplier"].flatMap({ context.double($0, minimum: 1, maximum: 100) }) { retry.backoff.multiplier = value }
            if let value = inner["max"].flatMap({ context.duration($0, allowZero: true) }) { retry.backoff.max = value }
            if let value = inner["jitter"].flatMap({ context.choice($0.value, key: "jitter", RetryPolicy.Jitter.self) }) {
                retry.backoff.jitter = value
            }
            if retry.backoff.max < retry.backoff.initial, let place = inner["max"] ?? inner["initial"] {
                context.error("backoff `max` \(retry.backoff.max) is below `initial` \(retry.backoff.initial)", at: context.location(place.value))
            }
        }
        return retry
    }

    // MARK: - Breaker

    private func readBreaker(_ field: Field, base: BreakerPolicy) -> BreakerPolicy {
        var breaker = base
        guard let fields = Fields(field.value, what: "`breaker`", allowed: Self.breakerKeys,
                                  owner: context.location(field.keyNode), context: context) else { return breaker }
        if let value = fields["consecutive_failures"].flatMap({ context.int($0, minimum: 0, maximum: 1_000_000) }) {
            breaker.consecutiveFailures = value
        }
        if let value = fields["failure_rate"].flatMap({ context.ratio($0, allowZero: false) }) { breaker.failureRate = value }
        if let window = fields["window"] { breaker.window = readWindow(window) ?? breaker.window }
        if let value = fields["minimum_calls"].flatMap({ context.int($0, minimum: 1, maximum: 1_000_000) }) { breaker.minimumCalls = value }
        if let value = fields["open_for"].flatMap({ context.duration($0) }) { breaker.openFor = value }
        if let value = fields["failures"].flatMap(context.errorKinds) { breaker.failures = value }
        if let slow = fields["slow_call"],
           let inner = Fields(slow.value, what: "`slow_call`", allowed: ["over", "rate"], owner: context.location(slow.keyNode), context: context) {
            let over = inner.require("over", in: "`slow_call`", hint: "e.g. `over: 3s`", context: context).flatMap { context.duration($0) }
            let rate = inner.require("rate", in: "`slow_call`", hint: "e.g. `rate: 80%`", context: context).flatMap { context.ratio($0, allowZero: false) }
            if let over, let rate { breaker.slowCall = BreakerPolicy.SlowCall(over: over, rate: rate) }
        }
        if let backoff = fields["open_backoff"],
           let inner = Fields(backoff.value, what: "`open_backoff`", allowed: ["multiplier", "max"],
                              owner: context.location(backoff.keyNode), context: context) {
            let multiplier = inner.require("multiplier", in: "`open_backoff`", hint: "e.g. `multiplier: 2`", context: context)
                .flatMap { context.double($0, minimum: 1, maximum: 100) }
            let max = inner.require("max", in: "`open_backoff`", hint: "e.g. `max: 5m`", context: context).flatMap { context.duration($0) }
            if let multiplier, let max { breaker.openBackoff = BreakerPolicy.OpenBackoff(multiplier: multiplier, max: max) }
        }
        if let halfOpen = fields["half_open"],
           let inner = Fields(halfOpen.value, what: "`half_open`", allowed: ["probes", "close_after"],
                              owner: context.location(halfOpen.keyNode), context: context) {
            if let value = inner["probes"].flatMap({ context.int($0, minimum: 1, maximum: 1000) }) { breaker.halfOpen.probes = value }
            if let value = inner["close_after"].flatMap({ context.int($0, minimum: 1, maximum: 1000) }) {
                breaker.halfOpen.closeAfter = value
            } else if !inner.has("close_after") {
                // `close_after` not written: its default (2) never asks for more probes than given.
                breaker.halfOpen.closeAfter = min(breaker.halfOpen.closeAfter, breaker.halfOpen.probes)
            }
            if breaker.halfOpen.closeAfter > breaker.halfOpen.probes, let place = inner["close_after"] ?? inner["probes"] {
                context.error("`close_after` (\(breaker.halfOpen.closeAfter)) is more than `probes` (\(breaker.halfOpen.probes)), so the breaker could never close",
                              at: context.location(place.value), hint: "set `close_after` to at most `probes`")
            }
        }
        return breaker
    }

    /// `window: 20` (calls) or `window: 30s` (time).
    private func readWindow(_ field: Field) -> BreakerPolicy.Window? {
        if case .scalar(let scalar) = field.value, !scalar.isNull, scalar.string.last?.isLetter == true {
            return context.duration(field).map { .time($0) }
        }
        return context.int(field, minimum: 1, maximum: 1_000_000).map { .calls($0) }
    }
}
