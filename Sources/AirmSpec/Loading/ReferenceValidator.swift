/// Checks what one section of a file says about another: that named providers, faults and
/// metric scopes exist, that fault times do not depend on themselves, and that faults and
/// windows fall inside the run.
struct ReferenceValidator {
    let reader: ExperimentReader
    private var context: LoadContext { reader.context }

    init(reader: ExperimentReader) { self.reader = reader }

    func check(duration: TimeSpan?, faults: [Fault], assertions: [Assertion]) {
        checkNameClashes()
        checkReferences()
        let cyclic = checkCycles()
        guard let duration, !context.hasErrors, cyclic.isEmpty else { return }
        RangeCheck(context: context, duration: duration, faults: faults).check(reader: reader, assertions: assertions)
    }

    // MARK: - Names

    private func checkNameClashes() {
        if reader.isAppMode {
            for definition in reader.providerNames + reader.streamNames where definition.name == AppUnderTest.scope {
                context.error("`app` names the application's metrics in `mode: app`", at: definition.location,
                              hint: "rename this provider or stream")
            }
        }
        for stream in reader.streamNames {
            if let provider = reader.providerNames.first(where: { $0.name == stream.name }) {
                context.error("stream `\(stream.name)` has the same name as a provider", at: stream.location,
                              hint: "provider and stream names must differ, so metrics like `\(stream.name).success_rate` are unambiguous",
                              notes: [Diagnostic(.note, "provider `\(provider.name)` is defined here", at: provider.location)])
            }
        }
    }

    private func checkReferences() {
        let providers = reader.providerNames.map(\.name)
        let faults = reader.faultNames.map(\.name)
        let streams = reader.streamNames.map(\.name)
        for reference in reader.references {
            switch reference.kind {
            case .provider where !providers.contains(reference.name):
                context.error("unknown provider `\(reference.name)`", at: reference.location, hint: hint(reference.name, providers, "providers"))
            case .fault where !faults.contains(reference.name):
                context.error("unknown fault `\(reference.name)`", at: reference.location, hint: hint(reference.name, faults, "faults"))
            case .scope(let metric):
                if providers.contains(reference.name) {
                    if metric.isRequestOnly {
                        context.error("`\(metric.name)` is counted per request, and `\(reference.name)` is a provider, which sees attempts",
                                      at: reference.location,
                                      hint: streams.first.map { "use it unscoped or scoped to a stream, e.g. `\(metric.name)` or `\($0).\(metric.name)`" }
                                        ?? "use it unscoped: `\(metric.name)`")
                    }
                    continue
                }
                if reader.isAppMode, reference.name == AppUnderTest.scope {
                    if metric.isProviderOnly {
                        context.error("`\(metric.name)` is counted per provider, but `app` is the application's side", at: reference.location,
                                      hint: providers.first.map { "e.g. `\($0).\(metric.name)`, counted at the fake" })
                    }
                    continue
                }
                if streams.contains(reference.name) {
                    if metric.isProviderOnly {
                        context.error("`\(metric.name)` is counted per provider, but `\(reference.name)` is a stream", at: reference.location,
                                      hint: providers.first.map { "e.g. `\($0).\(metric.name)`" })
                    }
                    continue
                }
                context.error("unknown provider or stream `\(reference.name)` in `\(reference.name).\(metric.name)`", at: reference.location,
                              hint: hint(reference.name, providers + streams, "providers or streams"))
            default:
                continue
            }
        }
    }

    private func hint(_ name: String, _ known: [String], _ what: String) -> String {
        if let match = Suggestions.closest(to: name, among: known) { return "did you mean `\(match)`?" }
        return known.isEmpty ? "the file defines no \(what)" : "defined \(what): " + known.map { "`\($0)`" }.joined(separator: ", ")
    }

    // MARK: - Cycles

    /// Reports each fault whose `at` or `until` depends on itself; returns the faults in cycles.
    private func checkCycles() -> Set<String> {
        var edges: [String: [ExperimentReader.Reference]] = [:]
        for reference in reader.references {
            if case .fault = reference.kind, let from = reference.fromFault { edges[from, default: []].append(reference) }
        }
        var cyclic = Set<String>()
        for fault in reader.faultNames.map(\.name) where !cyclic.contains(fault) {
            var visited = Set<String>()
            if let path = cycle(from: fault, to: fault, edges: edges, visited: &visited) {
                let names = [fault] + path.map(\.name)
                cyclic.formUnion(names)
                let first = path.first
                context.error("the time of fault `\(fault)` depends on itself: " + names.map { "`\($0)`" }.joined(separator: " → "),
                              at: first?.location ?? context.start, hint: "anchor one of them to the run, e.g. `at: 30s`")
            }
        }
        return cyclic
    }

    private func cycle(from current: String, to target: String, edges: [String: [ExperimentReader.Reference]],
                       visited: inout Set<String>) -> [ExperimentReader.Reference]? {
        visited.insert(current)
        for edge in edges[current] ?? [] {
            if edge.name == target { return [edge] }
            if visited.contains(edge.name) { continue }
            if let rest = cycle(from: edge.name, to: target, edges: edges, visited: &visited) { return [edge] + rest }
        }
        return nil
    }
}
