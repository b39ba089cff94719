import Yams

/// `assertions:` and `steady_state:` (docs/experiment-format.md, docs/semantics.md "Breaker assertions").
extension ExperimentReader {
    static let windowKeys = ["during", "before", "after", "window"]
    /// Every key an assertion may hold; the breaker checks' keys come from `BreakerChecks.all`.
    static let assertionKeys = ["name", "breaker", "expect"] + BreakerCheck.keys + windowKeys + ["abort_on_fail"]

    func readAssertions(_ field: Field) -> [Assertion]? {
        guard let items = context.list(field, expecting: "assertions") else { return nil }
        var assertions: [Assertion] = []
        var names: [String: SourceLocation] = [:]
        var ok = true
        for item in items {
            guard let assertion = readAssertion(item) else { ok = false; continue }
            if let name = assertion.name {
                if let first = names[name] {
                    context.error("duplicate assertion name `\(name)`", at: assertion.location,
                                  notes: [Diagnostic(.note, "`\(name)` is first used here", at: first)])
                    ok = false
                } else {
                    names[name] = assertion.location
                }
            }
            assertions.append(assertion)
        }
        return ok ? assertions : nil
    }

    private func readAssertion(_ node: Node) -> Assertion? {
        guard let fields = Fields(node, what: "an assertion", allowed: Self.assertionKeys, context: context) else { return nil }
        let errorsBefore = context.diagnostics.count
        var location = context.location(node)
        var name: String?
        if let field = fields["name"] {
            name = context.string(field)
            location = context.location(field.value)
        }
        let window = readWindow(fields)
        let abortOnFail = fields["abort_on_fail"].map { context.bool($0) ?? false } ?? false
        var check: Assertion.Check?
        let checks = fields.present(BreakerCheck.keys)
        switch (fields["breaker"], fields["expect"]) {
        case (let breaker?, let expect?):
            context.error("an assertion has either `breaker` or `expect`, not both", at: context.location(expect.keyNode),
                          hint: "split it into two assertions", notes: [Diagnostic(.note, "`breaker` is given here", at: context.location(breaker.keyNode))])
        case (nil, nil):
            context.error("an assertion needs `breaker` or `expect`", at: context.location(node),
                          hint: "e.g. `breaker: gemini` with `opens: true`, or `expect: success_rate >= 99%`")
        case (let breaker?, nil):
            let provider = context.name(breaker.value, key: "breaker", kind: "provider")
            if let provider { references.append(Reference(name: provider, kind: .provider, location: context.location(breaker.value))) }
            if checks.isEmpty {
                context.error("breaker assertion on `\(provider ?? "?")` needs a check", at: context.location(breaker.keyNode),
                              hint: "one of " + BreakerCheck.keys.map { "`\($0)`" }.joined(separator: ", "))
            } else if checks.count > 1 {
                context.error("a breaker assertion has one check, but `\(checks[1].key)` follows `\(checks[0].key)`",
                              at: context.location(checks[1].keyNode), hint: "split it into separate assertions")
            } else if let provider, let value = readCheck(checks[0]) {
                check = .breaker(provider: provider, value)
                checkStart(value, window: window, at: context.location(checks[0].value))
            }
        case (nil, let expect?):
            for extra in checks {
                context.error("`\(extra.key)` belongs to breaker assertions", at: context.location(extra.keyNode),
                              hint: "add `breaker: <provider>` in a separate assertion")
            }
            check = readExpectation(expect.value).map { .expect($0) }
        }
        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        guard !hadErrors, let check, let window else { return nil }
        return Assertion(name: name, check: check, window: window, location: location, abortOnFail: abortOnFail)
    }

    // MARK: - Breaker checks

    /// Reads the check with the catalog entry of its key; a key with no entry is an error, never another kind.
    private func readCheck(_ field: Field) -> BreakerCheck? {
        guard let kind = BreakerChecks.named(field.key) else {
            context.error("`\(field.key)` is not a breaker check", at: context.location(field.keyNode),
                          hint: Suggestions.hint(for: field.key, among: BreakerCheck.keys))
            return nil
        }
        return kind.read(self, field)
    }

    /// `true`, or `{ after: <time ref>, within: <duration> }`.
    func readTransition(_ field: Field, to target: BreakerState) -> BreakerCheck? {
        if case .scalar(let scalar) = field.value, !scalar.isNull {
            guard let value = context.bool(field) else { return nil }
            guard value else {
                context.error("`\(field.key): false` is not a check", at: context.location(field.value),
                              hint: "use `never: \(target.rawValue)` to assert that it never happens")
                return nil
            }
            return .transition(to: target, after: nil, within: nil)
        }
        guard let inner = Fields(field.value, what: "`\(field.key)`", allowed: ["after", "within"],
                                 owner: context.location(field.keyNode), context: context) else { return nil }
        guard let afterField = inner.require("after", in: "`\(field.key)`", hint: "e.g. `{ after: outage.start, within: 5s }`, or `true`", context: context),
              let after = context.timeReference(afterField.value, key: "after") else { return nil }
        noteReference(after)
        var within: TimeSpan?
        if let field = inner["within"] {
            guard let value = context.duration(field) else { return nil }
            within = value
        }
        return .transition(to: target, after: after, within: within)
    }

    func state(_ node: Node, key: String) -> BreakerState? {
        context.choice(node, key: key, BreakerState.self, allowed: [.closed, .open, .halfOpen])
    }

    // MARK: - Windows

    /// At most one of `during`, `before`, `after`, `window`; `.run` when none. `nil` after an error.
    func readWindow(_ fields: Fields) -> Window? {
        let given = fields.present(Self.windowKeys)
        guard let field = given.first else { return .run }
        if given.count > 1 {
            context.error("an assertion has one window, but `\(given[1].key)` follows `\(field.key)`", at: context.location(given[1].keyNode))
            return nil
        }
        if field.key == "window" {
            guard let inner = Fields(field.value, what: "`window`", allowed: ["from", "to"], owner: context.location(field.keyNode), context: context) else {
                return nil
            }
            let from = inner["from"].map { context.timeReference($0.value, key: "from") } ?? TimeReference(anchor: .runStart)
            let to = inner["to"].map { context.timeReference($0.value, key: "to") } ?? TimeReference(anchor: .runEnd)
            noteReference(from)
            noteReference(to)
            guard let from, let to else { return nil }
            return .range(from: from, to: to)
        }
        guard let fault = context.name(field.value, key: field.key, kind: "fault") else { return nil }
        references.append(Reference(name: fault, kind: .fault, location: context.location(field.value)))
        switch field.key {
        case "during": return .during(fault)
        case "before": return .before(fault)
        default: return .after(fault)
        }
    }

    // MARK: - Expectations

    func readExpectation(_ node: Node) -> Expectation? {
        guard let value = context.scalar(node, key: "expect", expecting: "an expression such as `success_rate >= 99%`") else { return nil }
        switch ExpectationParser.parse(value.text, location: value.location) {
        case .success(let expectation):
            if let scope = expectation.metric.scope {
                references.append(Reference(name: scope, kind: .scope(expectation.metric.metric), location: value.location))
            } else if expectation.metric.metric.isProviderOnly {
                context.error("`\(expectation.metric.metric.name)` needs a provider, e.g. `gemini.\(expectation.metric.metric.name)`",
                              at: value.location)
                return nil
            }
            return expectation
        case .failure(let failure):
            context.error(failure.message, at: value.location, hint: failure.hint)
            return nil
        }
    }

    func readSteadyState(_ field: Field) -> SteadyState? {
        guard let fields = Fields(field.value, what: "`steady_state`", allowed: ["settle", "expect"],
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        let settle = fields["settle"].map { context.duration($0, allowZero: true) } ?? .zero
        guard let expectField = fields.require("expect", in: "`steady_state`", hint: "e.g. `expect: [\"success_rate >= 99%\"]`", context: context),
              let items = context.list(expectField, expecting: "expressions") else { return nil }
        let expectations = items.compactMap(readExpectation)
        guard let settle, expectations.count == items.count else { return nil }
        return SteadyState(settle: settle, expect: expectations, location: context.location(field.keyNode))
    }

    /// Breakers start closed: over the whole run `never: closed` can never hold, and a `sequence`
    /// that does not start at `closed` can never be seen.
    private func checkStart(_ check: BreakerCheck, window: Window?, at location: SourceLocation) {
        switch check {
        case .never(.closed) where window == nil || window == .run:
            context.error("`never: closed` cannot hold over the whole run: every breaker starts closed", at: location,
                          hint: "to check that it stays open, give a window (`during: <fault>`), or use `ends: open` or `max_time_open`")
        case .sequence(let states) where states.first != .closed && (window == nil || window == .run):
            context.error("a `sequence` over the whole run starts at `closed`, where every breaker starts", at: location,
                          hint: "begin it with `closed`, e.g. `[closed, open, half_open, closed]`, or give a window")
        default:
            break
        }
    }
}
