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
        // Sets: a file with thousands of faults and references is checked in linear time.
        let providers = Set(reader.providerNames.map(\.name))
        let faults = Set(reader.faultNames.map(\.name))
        let streams = Set(reader.streamNames.map(\.name))
        for reference in reader.references {
            switch reference.kind {
            case .provider where !providers.contains(reference.name):
                context.error("unknown provider `\(reference.name)`", at: reference.location,
                              hint: hint(reference.name, reader.providerNames.map(\.name), "providers"))
            case .fault where !faults.contains(reference.name):
                context.error("unknown fault `\(reference.name)`", at: reference.location,
                              hint: hint(reference.name, reader.faultNames.map(\.name), "faults"))
            case .scope(let metric):
                if providers.contains(reference.name) {
                    if metric.isRequestOnly {
                        context.error("`\(metric.name)` is counted per request, and `\(reference.name)` is a provider, which sees attempts",
                                      at: reference.location,
                                      hint: reader.streamNames.first.map { "use it unscoped or scoped to a stream, e.g. `\(metric.name)` or `\($0).\(metric.name)`" }
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
                                      hint: reader.providerNames.first.map { "e.g. `\($0.name).\(metric.name)`" })
                    }
                    continue
                }
                context.error("unknown provider or stream `\(reference.name)` in `\(reference.name).\(metric.name)`", at: reference.location,
                              hint: hint(reference.name, reader.providerNames.map(\.name) + reader.streamNames.map(\.name), "providers or streams"))
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
    ///
    /// One depth-first walk over every fault, without recursion, so a chain of thousands of
    /// faults takes linear time and no stack. A cycle is reported from its first fault in file
    /// order, at that fault's reference to the next.
    private func checkCycles() -> Set<String> {
        var edges: [String: [ExperimentReader.Reference]] = [:]
        for reference in reader.references {
            if case .fault = reference.kind, let from = reference.fromFault { edges[from, default: []].append(reference) }
        }
        let order = Dictionary(reader.faultNames.enumerated().map { ($1.name, $0) }) { first, _ in first }
        enum Mark { case open, done }
        var marks: [String: Mark] = [:]
        var cyclic = Set<String>()
        for root in reader.faultNames.map(\.name) where marks[root] == nil {
            // The path from `root`: each fault with the index of the next edge to follow.
            var path: [(name: String, next: Int)] = [(root, 0)]
            var taken: [ExperimentReader.Reference] = []
            marks[root] = .open
            while let top = path.last {
                let out = edges[top.name] ?? []
                guard top.next < out.count else {
                    marks[top.name] = .done
                    path.removeLast()
                    if !taken.isEmpty { taken.removeLast() }
                    continue
                }
                path[path.count - 1].next += 1
                let edge = out[top.next]
                switch marks[edge.name] {
                case nil:
                    marks[edge.name] = .open
                    path.append((edge.name, 0))
                    taken.append(edge)
                case .open:
                    guard let at = path.lastIndex(where: { $0.name == edge.name }) else { continue }
                    report(cycle: Array(taken[at...]) + [edge], order: order, into: &cyclic)
                case .done:
                    continue
                }
            }
        }
        return cyclic
    }

    /// Reports one cycle (its references in order, the last back to the first fault) once.
    private func report(cycle: [ExperimentReader.Reference], order: [String: Int], into cyclic: inout Set<String>) {
        // The faults of the cycle are the targets of its references; start from the first in file order.
        let names = cycle.map(\.name)
        guard let first = names.indices.min(by: { (order[names[$0]] ?? .max) < (order[names[$1]] ?? .max) }),
              !cyclic.contains(names[first]) else { return }
        let rotated = Array(cycle[((first + 1) % cycle.count)...] + cycle[..<((first + 1) % cycle.count)])
        let fault = names[first]
        let shown = [fault] + rotated.map(\.name)
        cyclic.formUnion(names)
        context.error("the time of fault `\(fault)` depends on itself: " + shown.map { "`\($0)`" }.joined(separator: " → "),
                      at: rotated.first?.location ?? context.start, hint: "anchor one of them to the run, e.g. `at: 30s`")
    }
}
