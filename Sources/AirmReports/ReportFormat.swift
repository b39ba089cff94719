import AirmEngine

/// One kind of report the CLI can write, and how to render it from results.
///
/// The catalog is `ReportFormat.all`: adding a reporter means one new file and one line there.
/// Reporters with extra inputs (HTML history, JUnit errors) are also called directly by the CLI.
public struct ReportFormat: Sendable {
    /// Whether a report covers one experiment or every experiment of a run.
    public enum Scope: Sendable { case perExperiment, perRun }

    /// The CLI's name for it: `junit`, `html`, `markdown`.
    public var name: String
    /// The file extension, without the dot.
    public var fileExtension: String
    public var scope: Scope
    /// Renders the report; for `.perExperiment` formats the array holds exactly one result.
    public var render: @Sendable ([RunResult]) -> String

    public init(name: String, fileExtension: String, scope: Scope, render: @escaping @Sendable ([RunResult]) -> String) {
        self.name = name
        self.fileExtension = fileExtension
        self.scope = scope
        self.render = render
    }

    // MARK: - Catalog

    public static let all: [ReportFormat] = [
        JUnitReporter.format,
        HTMLReporter.format,
        MarkdownReporter.format,
    ]

    /// The catalog entry called `name`, if any.
    public static func named(_ name: String) -> ReportFormat? {
        all.first { $0.name == name }
    }
}
