import AirmEngine
import AirmSpec

/// One kind of report the CLI can write, and how to render it from results.
///
/// The catalog is `ReportFormat.all`: adding a reporter means one new file and one line there.
/// The CLI writes every entry the same way, from the catalog alone: `--<name> FILE` asks for one,
/// `defaultOutput` says whether `airm run` also writes it into `--out` unasked, and
/// `jobSummary` whether it is appended to the CI job summary.
public struct ReportFormat: Sendable {
    /// Whether a report covers one experiment or every experiment of a run.
    public enum Scope: Sendable { case perExperiment, perRun }

    /// Everything a reporter may draw on. A reporter reads what it needs and ignores the rest.
    public struct Input: Sendable {
        /// For `.perExperiment` formats, exactly one result.
        public var results: [RunResult]
        /// Experiments that could not run.
        public var errors: [ExperimentError]
        /// Earlier runs of the one experiment of a `.perExperiment` report.
        public var history: [TrendPoint]
        /// The machine the run was on, for formats that record it.
        public var hostname: String

        public init(results: [RunResult], errors: [ExperimentError] = [], history: [TrendPoint] = [],
                    hostname: String = "localhost") {
            self.results = results
            self.errors = errors
            self.history = history
            self.hostname = hostname
        }
    }

    /// The CLI's name for it, and its option: `junit` is `--junit FILE`.
    public var name: String
    /// The file extension, without the dot.
    public var fileExtension: String
    public var scope: Scope
    /// The `--<name>` option's help.
    public var help: String
    /// When set, `airm run` writes the report into `--out` unasked: `<experiment>.<ext>` per
    /// experiment whose `reports:` settings it returns `true` for, or one `<name>.<ext>` per run
    /// when it returns `true` for any experiment (or there are none).
    public var defaultOutput: (@Sendable (ReportSettings) -> Bool)?
    /// Whether `airm run` appends it to the file named by `GITHUB_STEP_SUMMARY`.
    public var jobSummary: Bool
    private let renderInput: @Sendable (Input) -> String

    public init(name: String, fileExtension: String, scope: Scope, help: String,
                defaultOutput: (@Sendable (ReportSettings) -> Bool)? = nil, jobSummary: Bool = false,
                render: @escaping @Sendable (Input) -> String) {
        self.name = name
        self.fileExtension = fileExtension
        self.scope = scope
        self.help = help
        self.defaultOutput = defaultOutput
        self.jobSummary = jobSummary
        self.renderInput = render
    }

    // MARK: - Rendering

    public func render(_ input: Input) -> String { renderInput(input) }

    /// Renders `results` alone; for `.perExperiment` formats the array holds exactly one result.
    public func render(_ results: [RunResult]) -> String { renderInput(Input(results: results)) }

    // MARK: - Catalog

    public static let all: [ReportFormat] = [
        JUnitReporter.format,
        HTMLReporter.format,
        MarkdownReporter.format,
        CTRFReporter.format,
        IndexReporter.format,
    ]

    /// The catalog entry called `name`, if any.
    public static func named(_ name: String) -> ReportFormat? {
        all.first { $0.name == name }
    }
}
