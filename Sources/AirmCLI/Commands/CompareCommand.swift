import AirmEngine
import AirmStore
import ArgumentParser
import Foundation

/// `airm compare`: what changed between two runs, and a CI gate on it (docs/cli.md#airm-compare).
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs: verdict, flipped assertions, headline figures (better/worse), regressions.",
        discussion: """
            With no ids, compares the latest two runs of the most recently run experiment. A is the baseline.
            With --baseline, compares a saved result JSON with run B, --current, or the latest recorded run \
            of the same experiment. With --fail-on regression, exits 1 when the verdict goes from passed to \
            anything else, an assertion goes from passed to failed, or a figure named in --tolerance is worse \
            by more than its allowance.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    enum FailOn: String, ExpressibleByArgument, CaseIterable { case regression }

    @Argument(help: "Run ids from `airm history`: the baseline A, then B. With --baseline, only B.")
    var ids: [Int64] = []

    @Option(help: "Output format: text, json or markdown (a table for a pull-request comment).")
    var format: Format = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 on a regression (`regression`).")
    var failOn: FailOn?

    @Option(help: ArgumentHelp(
        "How much a figure may worsen, e.g. `p99=10%,time_to_close=5s`; repeatable. Only named figures can regress.",
        valueName: "figure=allowance"))
    var tolerance: [String] = []

    @Option(help: ArgumentHelp("A saved result JSON (from `airm run`) as the baseline A.", valueName: "result.json"))
    var baseline: String?

    @Option(help: ArgumentHelp("A saved result JSON as B, with --baseline.", valueName: "result.json"))
    var current: String?

    @Flag(help: "Compare runs of different experiments, or of different versions of the experiment file.")
    var force = false

    @OptionGroup var store: HistoryOptions

    func validate() throws {
        if baseline == nil {
            if current != nil { throw ValidationError("--current needs --baseline.") }
            if !(ids.isEmpty || ids.count == 2) { throw ValidationError("Give two run ids, or none for the latest two runs.") }
        } else if ids.count > 1 || (current != nil && !ids.isEmpty) {
            throw ValidationError("With --baseline, give at most one run id (B), or --current, not both.")
        }
        do {
            _ = try ComparisonTolerance.parse(tolerance)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let world = World.current
        let (a, b) = if let baseline { try await pair(baseline: baseline, world) } else { try await pairFromHistory(world) }
        if !force, let reason = Comparison.mismatch(a, b) {
            world.printError("error: \(reason); these are not runs of one experiment, so their figures may not be comparable. "
                             + "Pass --force to compare them anyway.")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        let comparison = Comparison.compare(a: a, b: b, tolerance: try ComparisonTolerance.parse(tolerance))
        switch format {
        case .text: world.print(ComparisonFormatter.text(comparison))
        case .json: world.print(ComparisonFormatter.json(comparison))
        case .markdown: world.print(ComparisonFormatter.markdown(comparison))
        }
        if failOn == .regression && !comparison.regressions.isEmpty {
            let count = comparison.regressions.count
            world.printError("airm compare: \(count) regression\(count == 1 ? "" : "s") against \(comparison.beforeLabel)")
            throw ExitStatus.exit(ExitStatus.failed)
        }
    }

    // MARK: - The two runs

    private func pairFromHistory(_ world: World) async throws -> (RunDetail, RunDetail) {
        let history = try await store.open(in: world)
        return try await reading(history, world) {
            if ids.count == 2 {
                return (try await detail(ids[0], history, world), try await detail(ids[1], history, world))
            }
            guard let latest = try await history.latestTwo() else {
                world.printError("error: compare needs two recorded runs of one experiment; run `airm run` twice first")
                throw ExitStatus.exit(ExitStatus.runError)
            }
            return (latest.older, latest.newer)
        }
    }

    private func pair(baseline: String, _ world: World) async throws -> (RunDetail, RunDetail) {
        let a = try load(baseline, world)
        if let current { return (a, try load(current, world)) }
        let history = try await store.open(in: world)
        return try await reading(history, world) {
            if let id = ids.first { return (a, try await detail(id, history, world)) }
            guard let latest = try await history.latest(experiment: a.run.experiment) else {
                world.printError("error: no recorded run of \(a.run.experiment) in \(history.location) to compare with "
                                 + "\(baseline); run it first, or give --current RESULT.json")
                throw ExitStatus.exit(ExitStatus.runError)
            }
            return (a, latest)
        }
    }

    private func detail(_ id: Int64, _ history: any HistoryBackend, _ world: World) async throws -> RunDetail {
        guard let detail = try await history.detail(id: id) else {
            world.printError("error: no run with id \(id) in \(history.location)")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        return detail
    }

    /// A result JSON as written by `airm run` (`airm-result/1`), or exit 2.
    private func load(_ path: String, _ world: World) throws -> RunDetail {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: world.resolve(path)))
            return RunDetail(result: try RunResult.decode(data), file: path)
        } catch {
            world.printError("error: \(path): not a readable airm result (\(error.localizedDescription))")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
    }

    /// Runs `body`, turning a history error into its message and exit 3, then closes the store.
    private func reading<T>(_ history: any HistoryBackend, _ world: World, _ body: () async throws -> T) async throws -> T {
        do {
            let value = try await body()
            await history.close()
            return value
        } catch let error as HistoryError {
            await history.close()
            world.printError("error: history: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        } catch {
            await history.close()
            throw error
        }
    }
}
