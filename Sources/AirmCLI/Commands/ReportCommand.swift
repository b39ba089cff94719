import AirmEngine
import AirmReports
import AirmSpec
import ArgumentParser
import Foundation

/// `airm report`: re-renders reports from a saved result JSON, without running anything.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render HTML, JUnit XML, Markdown or CTRF JSON from a saved result JSON.",
        discussion: """
        The result JSON (airm-result/1) carries the experiment's text, description and airm version, \
        so every report can be rebuilt from it alone. With no output option, writes the HTML next to \
        the JSON (<name>.html).
        """
    )

    /// The result JSON, and `--<format> FILE` for the catalog's formats that have no option of their own.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "A result JSON written by `airm run`.", discussion: ReportFileOptions.help, valueName: "result"))
    var inputs: [String] = []

    @Option(help: "Write the HTML report here.")
    var html: String?

    @Option(help: "Write JUnit XML here.")
    var junit: String?

    @Option(help: "Write a Markdown summary here.")
    var markdown: String?

    func validate() throws {
        let paths = try ReportFileOptions(inputs).paths
        if paths.count != 1 {
            throw ValidationError(paths.isEmpty ? "Missing expected argument '<result>'." : "Give one result JSON; got \(paths.count).")
        }
    }

    /// The result JSON's path.
    var result: String { (try? ReportFileOptions(inputs))?.paths.first ?? "" }

    /// The file `--<name>` asks `format` to be written to, if any.
    func requestedFile(_ format: ReportFormat) -> String? {
        switch format.name {
        case "html": html
        case "junit": junit
        case "markdown": markdown
        default: (try? ReportFileOptions(inputs))?.files[format.name]
        }
    }

    func run() async throws {
        let world = World.current
        var decoded: RunResult
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: world.resolve(result)))
            decoded = try RunResult.decode(data)
            // A result written before keys were redacted at load still holds them in its source.
            decoded.source = ExperimentLoader.redactingKeys(in: decoded.source)
        } catch {
            world.printError("error: \(result): \(Self.problem(reading: result, in: world, error))")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        let input = ReportFormat.Input(results: [decoded], hostname: hostname(world))
        var outputs: [(String, String)] = []
        // The declared options first, in the order they were always written, then the catalog's others.
        let formats = ["html", "junit", "markdown"].compactMap(ReportFormat.named) + ReportFileOptions.formats
        for format in formats {
            if let path = requestedFile(format) { outputs.append((path, format.render(input))) }
        }
        if outputs.isEmpty {
            // What `airm run` writes per experiment by default, next to the JSON: `<name>.html`.
            let directory = URL(fileURLWithPath: result).deletingLastPathComponent().path
            for format in ReportFormat.all where format.scope == .perExperiment && format.defaultOutput != nil {
                outputs.append(("\(directory)/\(decoded.experiment.name).\(format.fileExtension)", format.render(input)))
            }
        }
        for (path, text) in outputs {
            do {
                let url = URL(fileURLWithPath: world.resolve(path))
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                world.printError("error: cannot write \(path): \(error.localizedDescription)")
                throw ExitStatus.exit(ExitStatus.runError)
            }
            world.print("wrote \(path)")
        }
    }

    private func hostname(_ world: World) -> String {
        world.environment["AIRM_HOSTNAME"] ?? ProcessInfo.processInfo.hostName
    }
}

extension ReportCommand {
    /// Why `path` is not a result `airm report` can read, and which file it wants instead.
    static func problem(reading path: String, in world: World, _ error: any Error) -> String {
        let wanted = "airm report reads the JSON result that airm run writes per experiment (e.g. reports/<experiment>.json)"
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: world.resolve(path))) else {
            return "cannot read it (\(error.localizedDescription)); \(wanted)"
        }
        let head = String(decoding: data.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if head.hasPrefix("<?xml") || head.hasPrefix("<testsuites") {
            return "this is a JUnit report, written from a result; \(wanted)"
        }
        if head.hasPrefix("<!DOCTYPE html") || head.hasPrefix("<html") {
            return "this is an HTML report, written from a result; \(wanted)"
        }
        if head.contains("\"results\"") && head.contains("\"tool\"") {
            return "this is a CTRF report, written from results; \(wanted)"
        }
        if head.hasPrefix("version:") || head.contains("\nproviders:") {
            return "this is an experiment file; run it with `airm run \(path)`, then \(wanted.prefix(1).lowercased() + wanted.dropFirst())"
        }
        return "not an airm result (\(error.localizedDescription)); \(wanted)"
    }
}
