import Yams

/// `faults:` (DESIGN.md §4 "Faults").
extension ExperimentReader {
    static let commonFaultKeys = ["name", "target", "type", "at", "for", "until", "probability", "delay"]

    /// Parameters each fault type accepts besides the common keys.
    static func parameterKeys(of type: String) -> [String] {
        switch type {
        case "latency": ["jitter"]
        case "error": ["status"]
        case "intermittent": ["up", "down", "as", "status"]
        case "rate_limit": ["retry_after", "limit"]
        case "corrupt": ["how"]
        case "stream_cut": ["after", "after_tokens"]
        case "stall": ["after"]
        default: []
        }
    }

    static let allFaultKeys = commonFaultKeys + ["jitter", "status", "up", "down", "as", "retry_after", "limit", "how", "after", "after_tokens"]

    func readFaults(_ field: Field) -> [Fault]? {
        guard let items = context.list(field, expecting: "faults") else { return nil }
        var faults: [Fault] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let fault = readFault(item, index: index) { faults.append(fault) } else { ok = false }
        }
        return ok ? faults : nil
    }

    private func readFault(_ node: Node, index: Int) -> Fault? {
        let location = context.location(node)
        guard let fields = Fields(node, what: "a fault", allowed: Self.allFaultKeys, context: context) else { return nil }
        let errorsBefore = context.diagnostics.count
        var name = "fault-\(index + 1)"
        var nameLocation = location
        if let field = fields["name"] {
            name = context.name(field.value, key: "name", kind: "fault") ?? name
            nameLocation = context.location(field.value)
        }
        define(name, at: nameLocation, kind: "fault", in: &faultNames)

        let typeField = fields.require("type", in: "fault `\(name)`",
                                       hint: "one of " + Fault.Kind.typeNames.map { "`\($0)`" }.joined(separator: ", "), context: context)
        var typeName: String?
        if let typeField, let value = context.string(typeField) {
            if Fault.Kind.typeNames.contains(value) {
                typeName = value
            } else {
                context.error("unknown fault type `\(value)`", at: context.location(typeField.value),
                              hint: Suggestions.hint(for: value, among: Fault.Kind.typeNames))
            }
        }
        if let typeName {
            let allowed = Self.commonFaultKeys + Self.parameterKeys(of: typeName)
            for field in fields.ordered where !allowed.contains(field.key) {
                context.error("`\(field.key)` does not apply to `\(typeName)` faults", at: context.location(field.keyNode),
                              hint: Self.parameterKeys(of: typeName).isEmpty ? "`\(typeName)` faults take no parameters"
                                  : "`\(typeName)` faults take " + Self.parameterKeys(of: typeName).map { "`\($0)`" }.joined(separator: ", "))
            }
        }
        let target = fields.require("target", in: "fault `\(name)`", hint: "a provider name, a list of them, or \"*\"", context: context)
            .flatMap(readTarget)

        var fault = Fault(name: name, target: target ?? .all, kind: .timeout, location: location)
        if let field = fields["at"], let at = context.timeReference(field.value, key: "at") {
            noteReference(at, fromFault: name)
            fault.at = at
        }
        let isStall = typeName == "stall"
        if let untilField = fields["until"] {
            if let forField = fields["for"], !isStall {
                context.error("fault `\(name)` gives both `for` and `until`", at: context.location(untilField.keyNode),
                              hint: "keep one: `for` is a length, `until` a time", notes: [Diagnostic(.note, "`for` is given here", at: context.location(forField.keyNode))])
            } else if let until = context.timeReference(untilField.value, key: "until") {
                noteReference(until, fromFault: name)
                fault.end = .until(until)
            }
        } else if let field = fields["for"], !isStall, let length = context.duration(field) {
            fault.end = .for(length)
        }
        if let field = fields["probability"], let value = context.ratio(field) { fault.probability = value }
        if let field = fields["delay"], typeName != "latency" { fault.delay = context.duration(field, allowZero: true) }
        if let typeName, let kind = readKind(typeName, fields: fields, name: name) { fault.kind = kind }
        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        return hadErrors ? nil : fault
    }

    private func readTarget(_ field: Field) -> Fault.Target? {
        if case .sequence(let items) = field.value {
            if items.isEmpty {
                context.error("`target` is an empty list", at: context.location(field.value), hint: "name at least one provider, or \"*\"")
                return nil
            }
            var names: [String] = []
            for item in items {
                if case .scalar(let scalar) = item, scalar.string == "*" {
                    context.error("\"*\" cannot be part of a list", at: context.location(item), hint: "write `target: \"*\"` alone")
                    return nil
                }
                guard let name = context.name(item, key: "target", kind: "provider") else { return nil }
                references.append(Reference(name: name, kind: .provider, location: context.location(item)))
                names.append(name)
            }
            return .providers(names)
        }
        if case .scalar(let scalar) = field.value, scalar.string == "*" { return .all }
        guard let name = context.name(field.value, key: "target", kind: "provider") else { return nil }
        references.append(Reference(name: name, kind: .provider, location: context.location(field.value)))
        return .providers([name])
    }

    // MARK: - Kinds

    private func readKind(_ type: String, fields: Fields, name: String) -> Fault.Kind? {
        switch type {
        case "latency":
            let delay = fields.require("delay", in: "latency fault `\(name)`", hint: "e.g. `delay: 2s`", context: context)
                .flatMap { context.duration($0) }
            let jitter = fields["jitter"].map { context.duration($0, allowZero: true) } ?? .zero
            guard let delay, let jitter else { return nil }
            return .latency(delay: delay, jitter: jitter)
        case "error":
            return status(fields).map { .error(status: $0) }
        case "timeout": return .timeout
        case "unavailable": return .unavailable
        case "intermittent":
            let up = fields.require("up", in: "intermittent fault `\(name)`", hint: "e.g. `up: 10s`", context: context).flatMap { context.duration($0) }
            let down = fields.require("down", in: "intermittent fault `\(name)`", hint: "e.g. `down: 5s`", context: context).flatMap { context.duration($0) }
            var failure: Fault.IntermittentFailure? = .error(status: 500)
            let mode = fields["as"].map { context.choice($0.value, key: "as", IntermittentMode.self) } ?? .error
            switch mode {
            case .error?: failure = status(fields).map { .error(status: $0) }
            case .timeout?: failure = .timeout
            case .unavailable?: failure = .unavailable
            case nil: failure = nil
            }
            if let status = fields["status"], mode != .error {
                context.error("`status` applies only to `as: error`", at: context.location(status.keyNode))
            }
            guard let up, let down, let failure else { return nil }
            return .intermittent(up: up, down: down, failure: failure)
        case "rate_limit":
            if let limit = fields["limit"], fields.has("retry_after") {
                context.error("give either `retry_after` or `limit`", at: context.location(limit.keyNode),
                              hint: "with `limit`, Retry-After is the time until the quota admits a call")
                return nil
            }
            if let limit = fields["limit"] {
                return context.rate(limit.value, key: "limit").map { .rateLimit(retryAfter: .seconds(1), limit: $0) }
            }
            let retryAfter = fields["retry_after"].map { context.duration($0, allowZero: true) } ?? .seconds(1)
            return retryAfter.map { .rateLimit(retryAfter: $0, limit: nil) }
        case "corrupt":
            let how = fields["how"].map { context.choice($0.value, key: "how", Fault.Corruption.self) } ?? .malformed
            return how.map { .corrupt($0) }
        case "stream_cut":
            let given = fields.present(["after", "after_tokens"])
            guard given.count == 1 else {
                context.error(given.isEmpty ? "stream_cut fault `\(name)` needs `after` or `after_tokens`" : "give either `after` or `after_tokens`",
                              at: given.count > 1 ? context.location(given[1].keyNode) : fields.owner,
                              hint: "e.g. `after: 200ms` or `after_tokens: 20`")
                return nil
            }
            if given[0].key == "after" { return context.duration(given[0], allowZero: true).map { .streamCut(.afterTime($0)) } }
            return context.int(given[0], minimum: 0, maximum: 10_000_000).map { .streamCut(.afterTokens($0)) }
        default: // stall: `after` into the answer, stalled `for` this long
            let after = fields["after"].map { context.duration($0, allowZero: true) } ?? .zero
            let length = fields.require("for", in: "stall fault `\(name)`", hint: "how long the stream stalls, e.g. `for: 5s`", context: context)
                .flatMap { context.duration($0) }
            guard let after, let length else { return nil }
            return .stall(after: after, for: length)
        }
    }

    private enum IntermittentMode: String, CaseIterable { case error, timeout, unavailable }

    /// `status`, default 500; must be an HTTP error status.
    private func status(_ fields: Fields) -> Int? {
        guard let field = fields["status"] else { return 500 }
        return context.int(field, minimum: 400, maximum: 599)
    }
}
