import AirmEngine
import AirmHTTP
import AirmReports
import AirmSpec
import AirmStore
import Foundation

/// What `airm run` does, step by step: find files → load all → run each → report → remember.
struct RunPipeline {
    let options: RunOptions
    let world: World

    func execute() async -> Int32 {
        // Caught since `main` began (`AirmCommand.catchInterrupts`): a signal stops the run cleanly,
        // with reports and history.
        let signals = InterruptSignals.take()
        defer { signals.uninstall() }
        // MARK: Find and load every file. A file that cannot run becomes an error testcase in the
        // JUnit report (exit 2); the others still run.
        let files: [String]
        switch ExperimentFiles.expand(options.paths, in: world) {
        case .success(let found): files = options.shard?.select(found) ?? found
        case .failure(let missing):
            world.printError("error: \(missing)")
            return ExitStatus.invalid
        }
        if files.isEmpty {
            world.printError("error: no experiment files in \(options.paths.joined(separator: " "))")
            return ExitStatus.invalid
        }
        var experiments: [Experiment] = []
        var errors: [ExperimentError] = []
        var diagnostics: [Diagnostic] = []
        var namedIn: [String: String] = [:]
        for file in files {
            let loaded = ExperimentLoader.load(file, in: world, overrides: options.overriding.overrides)
            diagnostics += loaded.diagnostics
            let problems = loaded.diagnostics.filter { $0.severity == .error }
            if let experiment = loaded.experiment, problems.isEmpty {
                if let first = namedIn[experiment.name] {
                    let message = "\(file): error: another experiment is named '\(experiment.name)' (\(first)); names must be unique per run"
                    world.printError(message)
                    errors.append(ExperimentError(name: experiment.name, file: file, message: message))
                    continue
                }
                namedIn[experiment.name] = file
                if options.filters.isEmpty || options.filters.contains(where: { experiment.name.contains($0) }) {
                    experiments.append(experiment)
                }
            } else {
                errors.append(ExperimentError(name: loaded.experiment?.name ?? Self.baseName(file), file: file,
                                              message: problems.map(\.description).joined(separator: "\n")))
            }
        }
        for diagnostic in diagnostics { world.printError(diagnostic.description) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            world.printError(DiagnosticPrinter.summary(diagnostics, files: files.count))
        }
        if !options.filters.isEmpty && experiments.isEmpty && errors.isEmpty {
            let names = namedIn.keys.sorted().joined(separator: ", ")
            world.printError("error: no experiment name contains \(options.filters.map { "'\($0)'" }.joined(separator: " or ")); the names are: \(names)")
            return ExitStatus.invalid
        }
        if let single = singleFileOptionProblem(count: experiments.count) {
            world.printError("error: \(single)")
            return ExitStatus.invalid
        }

        let choices = Plan.Choices(seed: options.seed, mode: options.forcedMode,
                                   shard: options.shard.map { Plan.Shard(index: $0.index, count: $0.count) },
                                   abortOnFail: options.abortOnFail,
                                   trafficShard: options.trafficShard.map { Plan.Shard(index: $0.index, count: $0.count) })
        let plans = experiments.map { Plan($0, choices: choices) }
        let live = plans.filter { $0.mode == .live }
        if let refusal = liveRefusal(live) { return refusal }
        if let refusal = upstreamRefusal(plans.filter { $0.mode == .app }) { return refusal }
        if options.forcedMode != nil, let app = plans.first(where: { $0.mode == .app }) {
            world.printError("error: \(app.experiment.file): `mode: app` runs the application itself; --simulate and --live do not apply")
            return ExitStatus.invalid
        }
        BodyBudget.shared.limit = options.maxBodyMemory * 1024 * 1024

        // MARK: Run.
        let startedAt = Timestamp.start(option: options.timestamp, in: world)
        let console = ConsoleReporter(world: world, quiet: options.quiet)
        var results: [RunResult] = []
        var interrupted = false
        var refused = 0
        running: for plan in plans {
            // A signal during a simulated run ends the suite after it: the runs done are reported.
            if await signals.flag.interrupted, plan.mode != .live {
                interrupted = true
                world.printError("interrupted: \(plans.count - results.count) of \(plans.count) experiments not run")
                break
            }
            var result: RunResult
            let wallStart = world.now()
            if plan.mode == .live {
                result = await LiveDriver(world: world, signals: signals).run(plan, startedAt: startedAt)
            } else if plan.mode == .app {
                // An app that cannot be started or never becomes ready is an experiment that cannot run (exit 2).
                switch await AppDriver(world: world, signals: signals, outDirectory: options.out).run(plan, startedAt: startedAt) {
                case .success(let observed): result = observed
                case .failure(let refusal):
                    world.printError("error: \(refusal.message)")
                    errors.append(ExperimentError(name: plan.experiment.name, file: plan.experiment.file, message: refusal.message))
                    refused += 1
                    let interrupted = await signals.flag.interrupted
                    if options.failFast || interrupted { break running }
                    continue
                }
            } else {
                result = Simulation.run(plan, startedAt: startedAt)
            }
            result.wallMs = Self.milliseconds(since: wallStart, in: world)
            results.append(result)
            console.result(result)
            if result.verdict == .interrupted { break }
            if options.failFast && result.verdict != .passed { break }
        }

        // MARK: Report, then remember: reports are written before the history row, so a broken
        // history file never costs the run's reports.
        let location = options.noHistory ? nil : Result { () throws(HistoryError) in try options.store.location(in: world) }
        let recorder = (try? location?.get()).map(HistoryRecorder.init(location:))
        let trends = await recorder?.trends(for: results) ?? [:]
        do {
            let settings = Dictionary(experiments.map { ($0.name, $0.reports) }) { first, _ in first }
            let written = try ReportWriter(options: options, world: world)
                .write(results, settings: settings, history: trends, errors: errors)
            console.written(written)
        } catch {
            world.printError("error: cannot write reports: \(error)")
            return ExitStatus.runError
        }
        console.totals(results, errors: errors)
        if case .failure(let historyError) = location {
            world.printError("error: history: \(historyError) (reports were written; rerun with --no-history to skip history)")
            return ExitStatus.runError
        }
        if let recorder {
            do {
                try await recorder.record(results, files: Dictionary(experiments.map { ($0.name, world.resolve($0.file)) }) { first, _ in first })
            } catch {
                world.printError("error: history: \(error) (reports were written; rerun with --no-history to skip history)")
                return ExitStatus.runError
            }
        }

        if interrupted || results.contains(where: { $0.verdict == .interrupted }) { return ExitStatus.interrupted }
        // A signal that came once every experiment had run to its end (a live run draining its last
        // calls, reports being written) leaves their verdicts to decide.
        if await signals.flag.interrupted, results.count + refused < plans.count { return ExitStatus.interrupted }
        if !errors.isEmpty { return ExitStatus.invalid }
        return results.allSatisfy { $0.verdict == .passed } ? ExitStatus.passed : ExitStatus.failed
    }

    /// Live runs that must not start: unset variables in needed keys or endpoints, or more
    /// planned calls to non-loopback endpoints than `budget.max_calls` without `--yes`.
    private func liveRefusal(_ live: [Plan]) -> Int32? {
        let missing = live.map(\.experiment).flatMap(LivePreflight.missingVariables)
        for refusal in missing { world.printError("error: \(refusal.message)") }
        if !missing.isEmpty { return ExitStatus.invalid }
        for plan in live {
            let experiment = plan.experiment
            guard let planned = LivePreflight.plannedRemoteCalls(plan) else { continue }
            world.printError("\(experiment.name): live run expects about \(planned.expected) HTTP calls to non-loopback endpoints, at most \(planned.bound) with every retry and fallback (budget.max_calls \(experiment.budget.maxCalls)); endpoints without `endpoint:` are the real, paid APIs")
            if planned.bound > experiment.budget.maxCalls && !options.yes {
                world.printError("error: \(experiment.file): up to \(planned.bound) HTTP calls exceed budget.max_calls \(experiment.budget.maxCalls); raise budget.max_calls, point `endpoint` at `airm fake-providers`, or rerun with --yes to spend them")
                return ExitStatus.invalid
            }
        }
        return nil
    }

    /// App runs whose fakes forward to non-loopback upstreams (proxy mode) for more planned
    /// calls than `budget.max_calls`, without `--yes`: refused as live runs are.
    private func upstreamRefusal(_ app: [Plan]) -> Int32? {
        for plan in app {
            let experiment = plan.experiment
            guard let planned = LivePreflight.plannedUpstreamCalls(plan) else { continue }
            world.printError("\(experiment.name): proxy mode expects about \(planned.expected) HTTP calls to non-loopback upstreams, at most \(planned.bound) with one call per request and provider, the app's own retries aside (budget.max_calls \(experiment.budget.maxCalls)); these are the real, paid APIs")
            if planned.bound > experiment.budget.maxCalls && !options.yes {
                world.printError("error: \(experiment.file): up to \(planned.bound) HTTP calls to upstreams exceed budget.max_calls \(experiment.budget.maxCalls); raise budget.max_calls, point `upstream` at a loopback server, or rerun with --yes to spend them")
                return ExitStatus.invalid
            }
        }
        return nil
    }

    /// Wall-clock milliseconds from `start` to now, never negative, to the microsecond.
    static func milliseconds(since start: Date, in world: World) -> Double {
        (max(world.now().timeIntervalSince(start), 0) * 1_000_000).rounded() / 1000
    }

    /// The file's name without its folder and extension: an invalid file's name in the reports.
    static func baseName(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }

    private func singleFileOptionProblem(count: Int) -> String? {
        guard count > 1 else { return nil }
        if options.html != nil { return "--html names one file, but \(count) experiments are running; use --out" }
        if options.json != nil { return "--json names one file, but \(count) experiments are running; use --out" }
        return nil
    }
}
