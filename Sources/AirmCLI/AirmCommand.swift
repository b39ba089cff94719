import AirmServe
import AirmSpec
import ArgumentParser

/// The `airm` command: resilience experiments for AI provider calls.
public struct AirmCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "airm",
        abstract: "Prove that your LLM resilience policy works: chaos experiments in virtual time or live.",
        discussion: """
        An experiment is a YAML file: traffic, faults over time, the policy under test (timeouts, \
        retries, circuit breakers, fallback) and assertions on how each breaker behaves. \
        `airm run` executes experiments/ in deterministic virtual time and writes HTML, JUnit XML \
        and JSON reports to reports/.

        Exit codes: 0 all assertions held, 1 an assertion failed, 2 invalid experiment or usage, \
        3 the run could not be carried out, 130 interrupted.
        """,
        version: Airm.version,
        subcommands: AirmCommand.all
    )

    /// Every subcommand, in the order `--help` lists them.
    static let all: [any ParsableCommand.Type] = [
        RunCommand.self,
        ValidateCommand.self,
        PlanCommand.self,
        ReportCommand.self,
        MergeCommand.self,
        HistoryCommand.self,
        CompareCommand.self,
        InitCommand.self,
        SchemaCommand.self,
        FakeProvidersCommand.self,
        ServeCommand.self,
    ]

    public init() {}

    /// Sets up the process for the command `arguments` name, before anything runs: `airm serve`
    /// runs its tasks on NIO's event loops (`ServeProcess`). Call it once, from the main thread.
    public static func prepare(arguments: [String]) {
        if arguments.first == ServeCommand.configuration.commandName { ServeProcess.prepare() }
    }

    /// Parses `arguments` and runs the command in `world`, returning the process exit code.
    ///
    /// This is the one path from arguments to exit code: `main` uses it with the real process,
    /// tests with a captured world.
    public static func run(arguments: [String], world: World) async -> Int32 {
        await World.$current.withValue(world) {
            do {
                var command = try parseAsRoot(arguments)
                if var async = command as? any AsyncParsableCommand {
                    try await async.run()
                } else {
                    try command.run()
                }
                return ExitStatus.passed
            } catch {
                return report(error, in: world)
            }
        }
    }

    /// Catches SIGINT and SIGTERM at once when `arguments` are an `airm run`, before they are
    /// parsed: `main` calls it first, so a signal at any moment after the process starts ends
    /// the run as docs/cli.md "airm run" says, never the process before its reports.
    public static func catchInterrupts(arguments: [String]) {
        guard arguments.first == RunCommand.configuration.commandName else { return }
        InterruptSignals.installEarly()
    }

    private static func report(_ error: any Error, in world: World) -> Int32 {
        let code = exitCode(for: error).rawValue
        let message = fullMessage(for: error)
        if code == ExitCode.success.rawValue {
            if !message.isEmpty { world.print(message) }
            return ExitStatus.passed
        }
        if !message.isEmpty { world.printError(message) }
        // Usage errors are exit 2, as for invalid experiments.
        return code == ExitCode.validationFailure.rawValue ? ExitStatus.invalid : code
    }
}
