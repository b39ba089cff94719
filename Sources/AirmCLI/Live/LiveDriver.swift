import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

/// Runs one experiment live for `airm run`: real provider clients behind the fault transport,
/// a progress line, and interruption by signal.
struct LiveDriver {
    let world: World
    let signals: InterruptSignals

    /// Runs `plan` to its end, or until a signal stops it (verdict `interrupted`).
    func run(_ plan: Plan, startedAt: String) async -> RunResult {
        let experiment = plan.experiment
        let http = ProviderClients.makeHTTPClient()
        let transports = experiment.providers.map { provider in
            ProviderClients.make(for: provider, http: http).map { FaultTransport(provider: provider.kind, client: $0) }
        }
        let run = LiveRun(plan, transports: transports)
        await signals.flag.watch(run)
        let world = world
        let reporter = Task { await Self.report(world: world, name: experiment.name) { await run.progress() } }
        let result = await run.run(startedAt: startedAt)
        reporter.cancel()
        _ = await reporter.value
        await signals.flag.watch(nil)
        let late = await run.lateness
        if late.count > 0 {
            let ms = { (span: TimeSpan) in String(format: "%.2f ms", span.milliseconds) }
            world.printError("\(experiment.name): \(late.count) sends, late against the schedule by p50 \(ms(late.quantile(0.5))), p99 \(ms(late.quantile(0.99))), max \(ms(late.max))")
        }
        try? await http.shutdown()
        return result
    }

    // MARK: - Progress

    /// On a terminal: a progress line on stderr, redrawn at most 4 times a second. Otherwise a
    /// status line every 10 s. Live and app runs alike.
    static func report(world: World, name: String, progress: @Sendable () async -> LiveProgress) async {
        let terminal = world.isTerminal
        let interval: Duration = terminal ? .milliseconds(250) : .seconds(10)
        var drawn = false
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
            let line = LiveStatusLine.format(await progress(), name: name)
            if terminal {
                world.stderr("\r\u{1B}[2K" + line)
                drawn = true
            } else {
                world.printError(line)
            }
        }
        if drawn { world.stderr("\r\u{1B}[2K") }
    }
}
