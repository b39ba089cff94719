import AirmSpec
import ArgumentParser

/// `--set PATH=VALUE`, shared by `run`, `plan` and `validate` (docs/cli.md "Overrides").
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a value of every experiment file, e.g. --set duration=60s --set traffic.chat.rate=5/s; repeat for several.",
        discussion: "PATH is dot-separated keys; in a list of named items a segment picks an item by its name, or by its index from 0. VALUE is YAML and is checked like the file's own; errors name the override.",
        valueName: "path=value"))
    var sets: [String] = []

    var overrides: Overrides { (try? Overrides.parse(sets).get()) ?? Overrides() }

    func validate() throws {
        if case .failure(let error) = Overrides.parse(sets) { throw ValidationError(error.description) }
    }
}
