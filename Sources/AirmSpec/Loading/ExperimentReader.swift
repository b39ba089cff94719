import Yams

/// Walks the node tree of an experiment file and builds the typed model, section by section.
///
/// Names that refer to other parts of the file (providers, faults, metric scopes) are collected
/// as `Reference`s with their places, and checked once every section has been read.
final class ExperimentReader {
    /// A name used somewhere that must be defined elsewhere in the file.
    struct Reference {
        enum Kind { case provider, fault, scope(Metric) }
        var name: String
        var kind: Kind
        var location: SourceLocation
        /// The fault whose `at` or `until` holds this reference, for cycle detection.
        var fromFault: String?
    }

    /// A defined name and where it is defined.
    struct Definition {
        var name: String
        var location: SourceLocation
    }

    let context: LoadContext
    /// The fault types `faults:` may use.
    let faultTypes: FaultVocabulary
    /// Which sections are required.
    var purpose = LoadPurpose.experiment
    var references: [Reference] = []
    var providerNames: [Definition] = []
    /// `api_key` texts that hold key material, to keep out of `Experiment.source`.
    var secrets: [(location: SourceLocation, raw: String)] = []
    var streamNames: [Definition] = []
    var faultNames: [Definition] = []
    /// Stream `start`/`duration` and burst times, for the "outside the run" warnings.
    var streamTimes: [(start: TimeReference, duration: TimeSpan?, location: SourceLocation)] = []
    var burstTimes: [TimeReference] = []

    static let topLevelKeys = ["version", "name", "description", "seed", "duration", "mode", "providers", "policy",
                               "traffic", "faults", "steady_state", "assertions", "reports", "budget"]

    init(context: LoadContext, faultTypes: FaultVocabulary) {
        self.context = context
        self.faultTypes = faultTypes
    }

    // MARK: - The whole file

    /// The experiment, or `nil` when any error was found.
    func read(_ root: Node, source: String) -> Experiment? {
        guard case .mapping = root else {
            context.error("an experiment file must be a mapping of keys such as `name` and `duration`, not \(root.kindDescription)",
                          at: context.location(root))
            return nil
        }
        guard let fields = Fields(root, what: "the experiment", allowed: Self.topLevelKeys, owner: context.start, context: context) else {
            return nil
        }
        if let field = fields["version"], let version = context.int(field) {
            if version != 1 {
                context.error("unsupported version \(version)", at: context.location(field.value), hint: "this airm reads version 1")
            }
        }
        let gateway = purpose == .gateway
        let name = gateway && fields["name"] == nil ? "serve"
            : fields.require("name", in: "the experiment", hint: "e.g. `name: gemini-outage`", context: context).flatMap(experimentName)
        let description = fields["description"].flatMap(context.string)
        let seed = fields["seed"].flatMap(context.seed)
        let duration = gateway && fields["duration"] == nil ? Experiment.openEnded
            : fields.require("duration", in: "the experiment", hint: "e.g. `duration: 3m`", context: context)
                .flatMap { context.duration($0) }
        let mode = fields["mode"].flatMap { context.choice($0.value, key: "mode", Experiment.Mode.self) }
        let providers = fields.require("providers", in: "the experiment", hint: "name at least one provider", context: context)
            .flatMap(readProviders)
        let policy = readPolicy(fields["policy"])
        let traffic = gateway && fields["traffic"] == nil ? []
            : fields.require("traffic", in: "the experiment", hint: "add at least one stream, e.g. `- rate: 10/s`", context: context)
                .flatMap(readTraffic)
        let faults = fields["faults"].flatMap(readFaults) ?? []
        let steadyState = fields["steady_state"].flatMap(readSteadyState)
        let assertions = fields["assertions"].flatMap(readAssertions) ?? []
        let reports = fields["reports"].flatMap(readReports)
        let budget = fields["budget"].flatMap(readBudget)

        context.reportRemainingDuplicates()
        ReferenceValidator(reader: self).check(duration: duration, faults: faults, assertions: assertions)

        guard !context.hasErrors, let name, let duration, let providers, let policy, let traffic else { return nil }
        var experiment = Experiment(name: name, duration: duration, providers: providers,
                                    policy: policy.resolved(providers: providers), traffic: traffic,
                                    file: context.file, source: redacted(source))
        experiment.description = description
        experiment.seed = seed ?? 1
        experiment.mode = mode ?? .simulated
        experiment.faults = faults
        experiment.steadyState = steadyState
        experiment.assertions = assertions
        experiment.reports = reports ?? ReportSettings()
        experiment.budget = budget ?? Budget()
        return experiment
    }

    private func experimentName(_ field: Field) -> String? {
        guard let text = context.string(field) else { return nil }
        guard Names.isValidExperimentName(text) else {
            context.error("experiment name `\(text)` may only contain a-z, 0-9, `.`, `_` and `-`", at: context.location(field.value),
                          hint: "did you mean `\(Names.suggestion(for: text, allowDot: true))`?")
            return nil
        }
        if let problem = Names.experimentNameProblem(text) {
            context.error(problem, at: context.location(field.value), hint: "report files are named after the experiment")
            return nil
        }
        return text
    }

    // MARK: - Small sections

    private func readReports(_ field: Field) -> ReportSettings? {
        guard let fields = Fields(field.value, what: "`reports`", allowed: ["html", "junit", "json"],
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        var settings = ReportSettings()
        if let value = fields["html"].flatMap(context.bool) { settings.html = value }
        if let value = fields["junit"].flatMap(context.bool) { settings.junit = value }
        if let value = fields["json"].flatMap(context.bool) { settings.json = value }
        return settings
    }

    private func readBudget(_ field: Field) -> Budget? {
        guard let fields = Fields(field.value, what: "`budget`", allowed: ["max_calls"],
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        var budget = Budget()
        if let value = fields["max_calls"].flatMap({ context.int($0, minimum: 0, maximum: Int.max) }) { budget.maxCalls = value }
        return budget
    }

    // MARK: - Shared helpers

    /// Records the names a time reference depends on.
    func noteReference(_ reference: TimeReference?, fromFault: String? = nil) {
        guard let reference, let name = reference.faultName else { return }
        references.append(Reference(name: name, kind: .fault, location: reference.location ?? context.start, fromFault: fromFault))
    }

    /// Records a defined name; a second definition is reported with a note naming the first.
    func define(_ name: String, at location: SourceLocation, kind: String, in list: inout [Definition]) {
        if let first = list.first(where: { $0.name == name }) {
            context.error("duplicate \(kind) name `\(name)`", at: location,
                          notes: [Diagnostic(.note, "`\(name)` is first defined here", at: first.location)])
            return
        }
        list.append(Definition(name: name, location: location))
    }

    /// `source` without the key material of any `api_key`.
    private func redacted(_ source: String) -> String {
        secrets.reduce(source) { SecretText.redact($0, line: $1.location.line, column: $1.location.column, raw: $1.raw) }
    }
}
