import AirmEngine
import AirmReports
import ArgumentParser
import Foundation

/// `airm report`: re-renders reports from a saved result JSON, without running anything.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render HTML, JUnit XML or Markdown from a saved result JSON.",
        discussion: """
        The result JSON (airm-result/1) carries the experiment's text, description and airm version, \
        so every report can be rebuilt from it alone. With no output option, writes the HTML next to \
        the JSON (<name>.html).
        """
    )

    @Argument(help: "A result JSON written by `airm run`.")
    var result: String

    @Option(help: "Write the HTML report here.")
    var html: String?

    @Option(help: "Write JUnit XML here.")
    var junit: String?

    @Option(help: "Write a Markdown summary here.")
    var markdown: String?

    func run() async throws {
        let world = World.current
        let decoded: RunResult
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: world.resolve(result)))
            decoded = try RunResult.decode(data)
        } catch {
            world.printError("error: \(result): not a readable airm result (\(error.localizedDescription))")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        var outputs: [(String, String)] = []
        if let html { outputs.append((html, HTMLReporter.render(decoded))) }
        if let junit { outputs.append((junit, JUnitReporter.render([decoded], hostname: hostname(world)))) }
        if let markdown { outputs.append((markdown, MarkdownReporter.render(decoded))) }
        if outputs.isEmpty {
            let directory = URL(fileURLWithPath: result).deletingLastPathComponent().path
            outputs.append(("\(directory)/\(decoded.experiment.name).html", HTMLReporter.render(decoded)))
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
