/// An experiment that could not run: invalid, or its run could not be carried out.
///
/// The JUnit report shows it as a suite with one testcase carrying an `<error>`.
public struct ExperimentError: Sendable, Equatable {
    /// The experiment's name, or the file's base name when the file could not be read.
    public var name: String
    public var file: String
    /// Every problem, one per line (e.g. the diagnostics, `file:line:column: message`).
    public var message: String
    /// The `<error type>`: `invalid_experiment` (exit 2) or `run_error` (exit 3).
    public var type: String

    public init(name: String, file: String, message: String, type: String = "invalid_experiment") {
        self.name = name
        self.file = file
        self.message = message
        self.type = type
    }
}
