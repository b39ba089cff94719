import AirmSpec
import ArgumentParser

/// `airm plan`: prints an experiment's schedule without running it.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print an experiment's schedule: traffic, expected requests, fault windows, breakers.",
        discussion: """
        Request counts are exact for uniform rates, stages and bursts, expected for poisson arrivals \
        (marked ~) and estimated for closed-model users. Times are seconds from the run's start.
        """
    )

    @Argument(help: "The experiment file.")
    var file: String

    func run() async throws {
        let world = World.current
        let loaded = ExperimentLoader.load(file, in: world)
        for diagnostic in loaded.diagnostics { world.printError(diagnostic.description) }
        guard let experiment = loaded.experiment else { throw ExitStatus.exit(ExitStatus.invalid) }
        world.print(PlanFormatter.render(experiment))
    }
}
