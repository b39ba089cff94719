import Yams

/// `faults:` (docs/experiment-format.md "faults").
///
/// The reader knows only the common keys; each fault type of the injected `FaultVocabulary`
/// reads its own. An unknown `type:` is an error with a suggestion, never another type.
extension ExperimentReader {
    func readFaults(_ field: Field) -> [Fault]? {
        guard let items = context.list(field, expecting: "faults") else { return nil }
        var faults: [Fault] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let fault = readFault(item, index: index) { faults.append(fault) } else { ok = false }
        }
        return ok ? faults : nil
    }

    /// One fault; without `name:` it is called `defaultName`, else `fault-<index + 1>`.
    func readFault(_ node: Node, index: Int, defaultName: String? = nil) -> Fault? {
        let location = context.location(node)
        guard let fields = Fields(node, what: "a fault", allowed: faultTypes.allKeys, context: context) else { return nil }
        let errorsBefore = context.diagnostics.count
        var name = defaultName ?? "fault-\(index + 1)"
        var nameLocation = location
        if let field = fields["name"] {
            name = context.name(field.value, key: "name", kind: "fault") ?? name
            nameLocation = context.location(field.value)
        }
        define(name, at: nameLocation, kind: "fault", in: &faultNames)

        let type = readType(fields, name: name)
        let target = fields.require("target", in: "fault `\(name)`", hint: "a provider name, a list of them, or \"*\"", context: context)
            .flatMap(readTarget)
        var at = TimeReference.at(.zero)
        if let field = fields["at"], let reference = context.timeReference(field.value, key: "at") {
            noteReference(reference, fromFault: name)
            at = reference
        }
        var end = Fault.End.runEnd
        if let untilField = fields["until"] {
            if let forField = fields["for"] {
                context.error("fault `\(name)` gives both `for` and `until`", at: context.location(untilField.keyNode),
                              hint: "keep one: `for` is a length, `until` a time", notes: [Diagnostic(.note, "`for` is given here", at: context.location(forField.keyNode))])
            } else if let until = context.timeReference(untilField.value, key: "until") {
                noteReference(until, fromFault: name)
                end = .until(until)
            }
        } else if let field = fields["for"], let length = context.duration(field) {
            end = .for(length)
        }
        let probability = fields["probability"].flatMap { context.ratio($0) } ?? .one
        var delay: TimeSpan?
        if let field = fields["delay"], !(type?.keys.contains("delay") ?? false) { delay = context.duration(field, allowZero: true) }
        let kind = type.flatMap { $0.parse(FaultInput(faultName: name, typeName: $0.name, fields: fields, context: context)) }

        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        guard !hadErrors, let kind else { return nil }
        return Fault(name: name, target: target ?? .all, anyKind: kind, at: at, end: end, probability: probability,
                     delay: delay, location: location)
    }

    /// The fault type named by `type:`; keys that type does not take are reported.
    private func readType(_ fields: Fields, name: String) -> (any FaultType.Type)? {
        let names = faultTypes.typeNames
        guard let field = fields.require("type", in: "fault `\(name)`", hint: "one of " + names.map { "`\($0)`" }.joined(separator: ", "),
                                         context: context),
              let value = context.string(field) else { return nil }
        guard let type = faultTypes.type(named: value) else {
            context.error("unknown fault type `\(value)`", at: context.location(field.value), hint: Suggestions.hint(for: value, among: names))
            return nil
        }
        let allowed = FaultVocabulary.commonKeys + type.keys
        for field in fields.ordered where !allowed.contains(field.key) {
            context.error("`\(field.key)` does not apply to `\(value)` faults", at: context.location(field.keyNode),
                          hint: type.keys.isEmpty ? "`\(value)` faults take no parameters"
                              : "`\(value)` faults take " + type.keys.map { "`\($0)`" }.joined(separator: ", "))
        }
        return type
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
}
