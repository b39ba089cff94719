import Foundation

/// What loading a file gave: the experiment when it is valid, and every diagnostic found.
public struct LoadResult: Sendable {
    /// `nil` whenever `diagnostics` holds an error.
    public var experiment: Experiment?
    /// Errors, warnings and notes, sorted by place in the file.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(experiment: Experiment?, diagnostics: [Diagnostic]) {
        self.experiment = experiment
        self.diagnostics = diagnostics
    }
}

/// What a file is read for: which of the experiment's sections it must have.
public enum LoadPurpose: Sendable, Hashable {
    /// An experiment to run: `name`, `duration`, `providers` and `traffic` are required.
    case experiment
    /// A gateway's configuration (`airm serve`, docs/serve.md): only `providers` is required.
    /// Without `name` the experiment is called `serve`; without `duration` the run has no end
    /// (`Experiment.openEnded`); without `traffic` it has no streams.
    case gateway
}

/// Turns experiment files (docs/experiment-format.md) into typed, validated `Experiment` values.
///
/// The pipeline is: text → YAML node tree (`YAMLDocument`) → typed sections
/// (`ExperimentReader`) → cross-references and ranges (`ReferenceValidator`, `RangeCheck`).
/// Every problem becomes a located `Diagnostic`; nothing is thrown and nothing traps.
public enum ExperimentLoader {
    /// Loads experiment text. Never traps, whatever the input.
    ///
    /// - Parameters:
    ///   - file: the path shown in diagnostics and kept in `Experiment.file`.
    ///   - environment: the variables `${VAR}` expands from; the process environment is never read.
    ///   - faultTypes: the fault types `faults:` may use (AirmEngine's `FaultTypes.all`).
    ///   - overrides: `--set` values applied over the file's own before it is read.
    ///   - purpose: which sections are required.
    public static func load(source: String, file: String, environment: [String: String], faultTypes: FaultVocabulary,
                            overrides: Overrides = Overrides(), purpose: LoadPurpose = .experiment) -> LoadResult {
        let document = YAMLDocument(source: source, file: file)
        guard let parsed = document.root else {
            return LoadResult(experiment: nil, diagnostics: sorted(document.diagnostics))
        }
        var overrides = overrides
        // Only a file with overrides pays for counting its lines.
        let (root, refused) = overrides.isEmpty ? (parsed, [])
            : overrides.apply(to: parsed, lines: source.utf8.reduce(1) { $0 + ($1 == 10 ? 1 : 0) })
        let context = LoadContext(file: file, environment: environment, duplicates: document.duplicates, overrides: overrides)
        // The reports embed the text that ran: the file, then the overrides as comments.
        let ran = overrides.isEmpty ? source
            : source + (source.hasSuffix("\n") ? "" : "\n") + overrides.items.map { "# --set \($0.text)\n" }.joined()
        let reader = ExperimentReader(context: context, faultTypes: faultTypes)
        reader.purpose = purpose
        let experiment = reader.read(root, source: ran)
        let diagnostics = sorted(document.diagnostics + refused + context.diagnostics)
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return LoadResult(experiment: hasErrors ? nil : experiment, diagnostics: diagnostics)
    }

    /// Loads the file at `path`; a file that cannot be read becomes an error diagnostic.
    ///
    /// This is the one place experiment files are read, for the library and the CLI alike, through
    /// `ExperimentSource` (regular files only, at most its size limit, UTF-8).
    ///
    /// - Parameters:
    ///   - path: where to read the file from.
    ///   - file: the path shown in diagnostics and kept in `Experiment.file`, e.g. as the user typed
    ///     it when `path` is resolved against a working directory; `path` when `nil`.
    ///   - environment: the variables `${VAR}` expands from; the process environment is never read.
    public static func load(contentsOf path: String, shownAs file: String? = nil, environment: [String: String],
                            faultTypes: FaultVocabulary, overrides: Overrides = Overrides(),
                            purpose: LoadPurpose = .experiment) -> LoadResult {
        let shown = file ?? path
        let text: String
        switch ExperimentSource.read(path, shownAs: shown) {
        case .text(let source): text = source
        case .refused(let diagnostic): return LoadResult(experiment: nil, diagnostics: [diagnostic])
        }
        return load(source: text, file: shown, environment: environment, faultTypes: faultTypes, overrides: overrides,
                    purpose: purpose)
    }

    /// Diagnostics in file order; those without a place first. Stable for equal places.
    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let a = (lhs.element.location?.line ?? 0, lhs.element.location?.column ?? 0, lhs.offset)
            let b = (rhs.element.location?.line ?? 0, rhs.element.location?.column ?? 0, rhs.offset)
            return a < b
        }.map(\.element)
    }
}
