import ArgumentParser
import Foundation

/// `airm init`: scaffolds a working experiment and a CI workflow.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create experiments/ with a working example, and a GitHub Actions workflow.",
        discussion: """
        Writes experiments/provider-outage.yaml and .github/workflows/airm.yml. Existing files are \
        left alone unless --force is given. Run `airm run` next.
        """
    )

    @Option(help: "Directory to scaffold in.")
    var directory = "."

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() async throws {
        let world = World.current
        let files = [
            ("experiments/provider-outage.yaml", Scaffold.experiment),
            (".github/workflows/airm.yml", Scaffold.githubWorkflow),
        ]
        for (relative, text) in files {
            let path = world.resolve(directory == "." ? relative : "\(directory)/\(relative)")
            if FileManager.default.fileExists(atPath: path) && !force {
                world.print("kept     \(relative) (exists; --force overwrites)")
                continue
            }
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                world.printError("error: cannot write \(relative): \(error.localizedDescription)")
                throw ExitStatus.exit(ExitStatus.runError)
            }
            world.print("created  \(relative)")
        }
        world.print("")
        world.print("Next: airm run        (runs experiments/ in virtual time, reports in reports/)")
        world.print("GitLab CI: add `artifacts: { when: always, reports: { junit: reports/junit.xml } }` to the job.")
    }
}
