import AirmEngine
import AirmReports
import ArgumentParser
import Foundation

/// `airm merge`: joins the results of one run's shards into one set of reports.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the result JSONs of a sharded run into one JUnit, one index.html and a result per experiment.",
        discussion: """
        Give every <name>.json the shards wrote. Experiments run by different jobs (`airm run --shard I/N`) \
        are gathered as they are. An experiment run as N traffic shards (`airm run --traffic-shard I/N`) \
        becomes one result: counts summed, latency histograms added so percentiles are those of one \
        unsplit run to the histogram's precision, and each assertion held only when it held on every \
        shard. Writes <out>/<name>.json and each experiment's reports, then junit.xml and index.html \
        (docs/cli.md "airm merge").

        All N traffic shards of an experiment must be given, each once, all from the same file and seed; \
        otherwise nothing is written and each problem is printed with its file.

        Exit codes: 0 every merged experiment passed, 1 one did not, 2 unreadable or unmergeable results, \
        3 the reports could not be written.
        """
    )

    @Argument(help: ArgumentHelp("Result JSONs written by `airm run` (reports/<name>.json) in each shard.", valueName: "result"))
    var results: [String] = []

    @Option(help: ArgumentHelp("Directory for the merged reports.", valueName: "dir"))
    var out: String

    func validate() throws {
        if results.isEmpty { throw ValidationError("Missing expected argument '<result> ...': give the shards' result JSONs.") }
    }

    func run() async throws {
        let world = World.current
        var inputs: [ShardMerge.Input] = []
        var unreadable = false
        for path in results {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: world.resolve(path)))
                inputs.append(ShardMerge.Input(path: path, result: try RunResult.decode(data)))
            } catch {
                world.printError("\(path): error: \(ReportCommand.problem(reading: path, in: world, error))")
                unreadable = true
            }
        }
        let merged: [RunResult]
        switch ShardMerge.merge(inputs) {
        case .success(let results): merged = results
        case .failure(let problems):
            for problem in problems.all { world.printError(problem.description) }
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        if unreadable { throw ExitStatus.exit(ExitStatus.invalid) }
        do {
            for path in try MergeWriter(out: out, world: world).write(merged) { world.print("wrote \(path)") }
        } catch {
            world.printError("error: cannot write the merged reports to \(out): \(error.localizedDescription)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
        for result in merged {
            let shards = result.mergedShards.map { " (\($0) traffic shards)" } ?? ""
            world.print("\(result.verdict.rawValue.uppercased())  \(result.experiment.name)\(shards)")
        }
        if !merged.allSatisfy({ $0.verdict == .passed }) { throw ExitStatus.exit(ExitStatus.failed) }
    }
}
