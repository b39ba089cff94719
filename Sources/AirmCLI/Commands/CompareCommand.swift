import AirmStore
import ArgumentParser

/// `airm compare`: what changed between two recorded runs.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two recorded runs: verdict, flipped assertions, headline figures (better/worse).",
        discussion: "With no ids, compares the latest two runs of the most recently run experiment. A is the baseline."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Run ids from `airm history`: the baseline A, then B.")
    var ids: [Int64] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var store: HistoryOptions

    func validate() throws {
        if !(ids.isEmpty || ids.count == 2) { throw ValidationError("Give two run ids, or none for the latest two runs.") }
    }

    func run() async throws {
        let world = World.current
        let history = try store.open(in: world)
        let pair: (RunDetail, RunDetail)
        do {
            if ids.count == 2 {
                guard let a = try history.detail(id: ids[0]) else { return try missing(ids[0], world) }
                guard let b = try history.detail(id: ids[1]) else { return try missing(ids[1], world) }
                pair = (a, b)
            } else {
                guard let latest = try history.latestTwo() else {
                    world.printError("error: compare needs two recorded runs of one experiment; run `airm run` twice first")
                    throw ExitStatus.exit(ExitStatus.runError)
                }
                pair = (latest.older, latest.newer)
            }
        } catch let error as HistoryError {
            world.printError("error: history: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
        let comparison = Comparison.compare(a: pair.0, b: pair.1)
        switch format {
        case .text: world.print(ComparisonFormatter.text(comparison))
        case .json: world.print(ComparisonFormatter.json(comparison))
        }
    }

    private func missing(_ id: Int64, _ world: World) throws {
        world.printError("error: no run with id \(id) in \(store.history)")
        throw ExitStatus.exit(ExitStatus.invalid)
    }
}
