import AirmEngine
import AirmSpec
import ArgumentParser
import Foundation

/// `airm plan`: prints each experiment's resolved plan without running it.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print an experiment's plan: traffic, expected requests, fault windows, breakers.",
        discussion: """
        Request counts are exact for uniform rates, stages and bursts, expected for poisson arrivals \
        (marked ~) and estimated for closed-model users. Times are seconds from the run's start.

        --format json prints the plan as the stable airm-plan/1 document (docs/plan-format.md): \
        one JSON object for one file, an array for several. A directory plans every experiment in it.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Experiment files or directories; - reads one from standard input (default: experiments/).")
    var paths: [String] = ["experiments/"]

    @OptionGroup var overriding: OverrideOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Plan with this seed instead of the file's.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Plan one N-th of every stream, as `airm run --traffic-shard I/N` sends it.", valueName: "I/N"))
    var trafficShard: Shard?

    func run() async throws {
        let world = World.current
        let files = try ExperimentFiles.required(paths, in: world)
        var plans: [Plan] = []
        var failed = false
        for file in files {
            let loaded = ExperimentLoader.load(file, in: world, overrides: overriding.overrides)
            for diagnostic in loaded.diagnostics { world.printError(diagnostic.description) }
            guard let experiment = loaded.experiment else {
                failed = true
                continue
            }
            plans.append(Plan(experiment, choices: Plan.Choices(seed: seed, trafficShard: trafficShard.map { Plan.Shard(index: $0.index, count: $0.count) })))
        }
        switch format {
        case .text:
            world.print(plans.map(PlanFormatter.render).joined(separator: "\n\n"))
        case .json:
            world.print(try Self.json(plans))
        }
        if failed { throw ExitStatus.exit(ExitStatus.invalid) }
    }

    static func json(_ plans: [Plan]) throws -> String {
        if plans.count == 1 { return String(decoding: try plans[0].jsonData(), as: UTF8.self) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(plans.map(\.document)), as: UTF8.self)
    }
}
