import Yams

/// What reading one fault mapping gave: the fault when it is valid, and every diagnostic found.
public struct FaultLoadResult: Sendable {
    /// `nil` whenever `diagnostics` holds an error.
    public var fault: Fault?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension ExperimentLoader {
    /// Reads one fault mapping, in YAML or JSON, with the same keys and rules as an entry of an
    /// experiment's `faults:` (docs/experiment-format.md "The fake's control API").
    ///
    /// Standing alone, the fault has no run to refer to: `at` and `until` must be plain times,
    /// measured from when the fault is added. With `providers`, a target naming none of them is
    /// an error at the name; without, target names are not checked. Never traps.
    public static func loadFault(source: String, file: String, faultTypes: FaultVocabulary,
                                 providers: [String]? = nil) -> FaultLoadResult {
        let document = YAMLDocument(source: source, file: file)
        guard let root = document.root else {
            let empty = Diagnostic.error("the fault is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                         hint: "give a fault mapping, e.g. `{type: error, target: \"*\", status: 503}`")
            let blank = source.allSatisfy(\.isWhitespace) || document.diagnostics.isEmpty
            return FaultLoadResult(fault: nil, diagnostics: blank ? [empty] : document.diagnostics)
        }
        let context = LoadContext(file: file, environment: [:], duplicates: document.duplicates)
        let reader = ExperimentReader(context: context, faultTypes: faultTypes)
        var fault = reader.readFault(root, index: 0, defaultName: defaultName(root))
        context.reportRemainingDuplicates()
        for reference in [fault?.at, fault?.end.until].compactMap({ $0 }) where reference.anchor != .runStart {
            context.error("a fault added alone cannot refer to `\(reference)`", at: reference.location ?? fault?.location ?? context.start,
                          hint: "give a time from now, e.g. `at: 10s`")
        }
        if let providers {
            for reference in reader.references where !providers.contains(reference.name) {
                if case .provider = reference.kind {
                    let hint = Suggestions.closest(to: reference.name, among: providers).map { "did you mean `\($0)`?" }
                        ?? "known providers: " + providers.map { "`\($0)`" }.joined(separator: ", ")
                    context.error("unknown provider `\(reference.name)`", at: reference.location, hint: hint)
                }
            }
        }
        if context.hasErrors { fault = nil }
        return FaultLoadResult(fault: fault, diagnostics: document.diagnostics + context.diagnostics)
    }
}

/// A fault added alone without `name:` is called by its type.
private func defaultName(_ root: Node) -> String? {
    guard case .mapping(let mapping) = root,
          !mapping.contains(where: { $0.key.string == "name" }),
          case .scalar(let type)? = mapping.first(where: { $0.key.string == "type" })?.value else { return nil }
    return Names.isValid(type.string) ? type.string : nil
}

extension Fault.End {
    /// The `until:` time, when the end is one.
    var until: TimeReference? {
        if case .until(let reference) = self { return reference }
        return nil
    }
}
