import AirmSpec
import ArgumentParser

/// The `airm` command: resilience experiments for AI provider calls.
public struct AirmCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "airm",
        abstract: "Prove that your LLM resilience policy works: run chaos experiments in virtual time or live.",
        version: Airm.version,
        subcommands: []
    )

    public init() {}
}
