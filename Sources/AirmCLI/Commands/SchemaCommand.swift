import AirmEngine
import AirmSpec
import ArgumentParser

/// `airm schema`: prints the JSON Schema of the experiment format for editors.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the experiment format.",
        discussion: """
        Point yaml-language-server at it for completion and checks in your editor, e.g. \
        `airm schema > .airm/experiment.schema.json` and a first line \
        `# yaml-language-server: $schema=../.airm/experiment.schema.json` in each experiment.
        """
    )

    func run() async throws {
        World.current.print(ExperimentSchema.json(faultTypes: FaultTypes.all))
    }
}
