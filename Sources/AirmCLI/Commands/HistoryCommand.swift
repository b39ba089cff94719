import AirmStore
import ArgumentParser

/// `airm history`: lists recorded runs, newest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded runs, newest first: id, time, experiment, mode, verdict, success rate, p99, commit."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Only runs of this experiment.")
    var experiment: String?

    @Option(help: "How many runs to list.")
    var limit = 20

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @OptionGroup var store: HistoryOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let world = World.current
        let history = try await store.open(in: world)
        let rows: [RunRow]
        do {
            rows = try await history.runs(experiment: experiment, limit: limit)
        } catch {
            await history.close()
            world.printError("error: history: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
        await history.close()
        switch format {
        case .table: world.print(HistoryFormatter.table(rows))
        case .json: world.print(HistoryFormatter.json(rows))
        }
    }
}
