import AirmEngine
import AirmSpec
import ArgumentParser
import Foundation

/// `airm init`: scaffolds a working experiment, its JSON Schema for editors, a CI workflow and
/// the `.gitignore` lines for what airm writes.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create experiments/ with a working example, its JSON Schema, and a GitHub Actions workflow.",
        discussion: """
        Writes experiments/provider-outage.yaml (its first line points yaml-language-server at \
        schema/airm-experiment.schema.json), that schema, and .github/workflows/airm.yml, which \
        uses the airm GitHub Action. Existing files are left alone unless --force is given. \
        Adds reports/ and .airm/ to .gitignore when they are missing. Run `airm run` next.
        """
    )

    @Option(help: "Directory to scaffold in.")
    var directory = "."

    @Option(help: "The airm GitHub Action the workflow uses, as OWNER/REPO@REF.")
    var action = Scaffold.defaultAction

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func run() async throws {
        let world = World.current
        let files = [
            ("experiments/provider-outage.yaml", Scaffold.experiment),
            (Scaffold.schemaPath, ExperimentSchema.json(faultTypes: FaultTypes.all) + "\n"),
            (".github/workflows/airm.yml", Scaffold.githubWorkflow(action: action)),
        ]
        for (relative, text) in files {
            let path = resolve(relative, in: world)
            if FileManager.default.fileExists(atPath: path) && !force {
                world.print("kept     \(relative) (exists; --force overwrites)")
                continue
            }
            try write(text, to: relative, in: world)
            world.print("created  \(relative)")
        }
        let gitignore = resolve(".gitignore", in: world)
        let existing = try? String(contentsOfFile: gitignore, encoding: .utf8)
        if let updated = Scaffold.gitignore(updating: existing) {
            try write(updated, to: ".gitignore", in: world)
            world.print("\(existing == nil ? "created " : "updated ") .gitignore (\(Scaffold.gitignoreLines.joined(separator: " ")))")
        }
        world.print("")
        world.print("Next: airm run        (runs experiments/ in virtual time, reports in reports/)")
        world.print("GitLab CI: include ci/gitlab/airm.gitlab-ci.yml from the airm repository (JUnit in reports/junit.xml).")
    }

    private func resolve(_ relative: String, in world: World) -> String {
        world.resolve(directory == "." ? relative : "\(directory)/\(relative)")
    }

    private func write(_ text: String, to relative: String, in world: World) throws {
        let url = URL(fileURLWithPath: resolve(relative, in: world))
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            world.printError("error: cannot write \(relative): \(error.localizedDescription)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
    }
}
