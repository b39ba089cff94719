import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

/// Runs one `mode: app` experiment for `airm run` (docs/app-mode.md): the fakes, the app's
/// process, the traffic, the breaker observers, and the result.
struct AppDriver {
    let world: World
    let signals: InterruptSignals
    /// Where `<name>.app.log` goes.
    let outDirectory: String

    /// Why the run could not be carried out: a message for the user and the JUnit error.
    struct Refusal: Error {
        var message: String
    }

    func run(_ plan: Plan, startedAt: String) async -> Result<RunResult, Refusal> {
        let experiment = plan.experiment
        guard let app = experiment.app else { return .failure(Refusal(message: "\(experiment.file): `mode: app` needs an `app` section")) }
        let http = ProviderClients.makeHTTPClient()
        let shutdown: @Sendable () async -> Void = { try? await http.shutdown() }
        let fakes = ProviderFakes(plan)
        var process: AppProcess?
        do {
            let endpoints = try await fakes.open()
            for endpoint in endpoints { world.printError("\(experiment.name): fake \(endpoint.provider) at \(endpoint.url)") }
            let urls = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.provider, $0.url) })
            if let command = app.command {
                process = try startApp(command, app: app, urls: urls, experiment: experiment)
            }
            if let ready = app.ready {
                let running = process
                let flag = signals.flag
                let outcome = await AppReadiness.wait(for: ready, http: http, exited: { running?.exitStatus },
                                                      giveUp: { await flag.interrupted })
                switch outcome {
                case .ready(let after):
                    world.printError("\(experiment.name): the app answered \(ready.url) after \(after)")
                case .timedOut(let last):
                    throw Refusal(message: "\(experiment.file): the app did not answer \(ready.url) with 2xx within \(ready.within)"
                                  + (last.map { " (last: \($0))" } ?? "") + logHint(process))
                case .abandoned:
                    throw Refusal(message: "\(experiment.file): interrupted while waiting for the app to be ready")
                case .exited(let status):
                    throw Refusal(message: "\(experiment.file): the app exited with status \(status) before it was ready" + logHint(process))
                }
            }
            let client = AppClient(request: app.request, http: http)
            let poller = app.breakers.map { BreakerPoller(reading: $0, http: http) }
            let result = await drive(plan, app: app, client: client, poller: poller, fakes: fakes, startedAt: startedAt,
                                     log: process?.logPath)
            await finish(process, fakes: fakes, shutdown: shutdown)
            return .success(result)
        } catch let refusal as Refusal {
            await finish(process, fakes: fakes, shutdown: shutdown)
            return .failure(refusal)
        } catch {
            await finish(process, fakes: fakes, shutdown: shutdown)
            return .failure(Refusal(message: "\(experiment.file): \(error)"))
        }
    }

    // MARK: - Steps

    private func startApp(_ command: String, app: AppUnderTest, urls: [String: String], experiment: Experiment) throws -> AppProcess {
        var environment = world.environment
        for variable in app.env { environment[variable.name] = AppUnderTest.fillProviderURLs(variable.value, urls: urls) }
        let file = world.resolve(experiment.file)
        let directory = (file as NSString).deletingLastPathComponent
        let log = world.resolve((outDirectory as NSString).appendingPathComponent("\(experiment.name).app.log"))
        let filled = AppUnderTest.fillProviderURLs(command, urls: urls)
        let process = try AppProcess.start(command: filled, environment: environment, directory: directory, logPath: log)
        world.printError("\(experiment.name): started `\(filled)` (pid \(process.pid)), output in \(log)")
        return process
    }

    private func drive(_ plan: Plan, app: AppUnderTest, client: AppClient, poller: BreakerPoller?, fakes: ProviderFakes,
                       startedAt: String, log: String?) async -> RunResult {
        let run = AppRun(plan, client: client)
        await signals.flag.watch(run)
        let origin = ContinuousClock.now
        let originDate = world.now()
        await fakes.start(at: origin)
        await poller?.start(at: origin)
        let world = world
        let reporter = Task { await LiveDriver.report(world: world, name: plan.experiment.name) { await run.progress() } }
        await run.run(from: origin)
        reporter.cancel()
        _ = await reporter.value
        await signals.flag.watch(nil)
        await poller?.stop()
        await fakes.close()
        for problem in await fakes.problems { world.printError("\(plan.experiment.name): warning: \(problem)") }
        let late = await run.lateness
        if late.count > 0 {
            let ms = { (span: TimeSpan) in String(format: "%.2f ms", span.milliseconds) }
            world.printError("\(plan.experiment.name): \(late.count) sends, late against the schedule by p50 \(ms(late.quantile(0.5))), p99 \(ms(late.quantile(0.99))), max \(ms(late.max))")
        }
        let observer = AppObservations(plan: plan, calls: await fakes.faults.log, requests: await run.requestTimes,
                                       end: await run.now(), read: await poller?.transitions,
                                       readSource: app.breakers?.kind)
        await run.record(calls: observer.calls)
        await run.record(transitions: observer.judged)
        var result = await run.result(startedAt: startedAt, finalStates: observer.finalStates)
        result.transitions = observer.all
        result.app = AppObservation(statusClasses: await run.statusClasses, log: log, sources: observer.sources,
                                    judged: observer.judgedSource, disagreements: observer.disagreements,
                                    polls: await poller?.polls, failedPolls: await poller?.failedPolls)
        result.app?.originUnixMs = (originDate.timeIntervalSince1970 * 1000).rounded()
        return result
    }

    private func finish(_ process: AppProcess?, fakes: ProviderFakes, shutdown: @Sendable () async -> Void) async {
        await process?.stop()
        await fakes.close()
        await shutdown()
    }

    private func logHint(_ process: AppProcess?) -> String {
        process.map { "; its output is in \($0.logPath)" } ?? ""
    }
}
