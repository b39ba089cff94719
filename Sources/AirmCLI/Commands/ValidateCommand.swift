import AirmSpec
import ArgumentParser
import Foundation

/// `airm validate`: loads and checks experiment files without running them.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check experiment files and report every problem with file:line:column.",
        discussion: """
        Prints one `path:line:column: severity: message` line per problem, as compilers do, then a count. \
        A directory means its *.yaml files. Exits 0 when every file is valid (warnings alone keep 0) \
        and 2 on any error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Experiment files or directories; - reads one from standard input (default: experiments/).")
    var paths: [String] = ["experiments/"]

    @OptionGroup var overriding: OverrideOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() async throws {
        let world = World.current
        let files = try ExperimentFiles.required(paths, in: world)
        let checked = files.map { file in
            (file, ExperimentLoader.load(file, in: world, overrides: overriding.overrides))
        }
        let diagnostics = checked.flatMap { $0.1.diagnostics }
        switch format {
        case .text: DiagnosticPrinter.printText(diagnostics, files: files.count, in: world)
        case .json: world.print(DiagnosticPrinter.json(diagnostics, files: files.count))
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ExitStatus.exit(ExitStatus.invalid)
        }
    }
}
