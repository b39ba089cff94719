import AirmEngine
import AirmHTTP
import AirmSpec
import ArgumentParser
import Foundation

/// `airm fake-providers`: serves faithful fakes of the five provider APIs (docs/providers.md).
struct FakeProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-providers",
        abstract: "Serve Gemini, Cohere, HuggingFace, OpenAI-compatible and Anthropic fakes on 127.0.0.1.",
        discussion: """
        Serves POST /v1beta/models/{model}:generateContent and :streamGenerateContent?alt=sse (Gemini, \
        also under /v1/), /v2/chat (Cohere), /models/{model} (HuggingFace), /v1/chat/completions \
        (OpenAI-compatible) and /v1/messages (Anthropic), streams and native error bodies included, \
        plus the embeddings and models lists the official SDKs call (docs/providers.md); a missing key \
        gets the provider's own 401 (Gemini 403). Any path may be prefixed with a provider name, e.g. \
        /gemini-eu/v1beta/….

        With --experiment, each call's latency, error_rate, rate_limit and capacity come from that \
        file's simulate: settings, as in simulation, and the file's faults: apply on their schedule, \
        timed from the moment the fakes start; without it, every call succeeds at once. With \
        --per-provider, each provider of the file gets a fake on its own port (--port, --port + 1, …; \
        0 picks free ones), and a certain `unavailable` fault closes that port's listener for its window; \
        a provider with `upstream:` forwards each call to that real API, its faults applied on the way \
        (proxy mode, docs/app-mode.md; needs --per-provider). \
        Faults can be added at run time: POST /_airm/faults adds one (an experiment's fault mapping, in \
        YAML or JSON, timed from the moment of posting; its target must be a provider the fake knows), \
        GET lists them, DELETE clears them. \
        Point an experiment's endpoints at http://127.0.0.1:PORT and run it with --live. \
        Stops on Ctrl-C or SIGTERM.
        """
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8089

    @Option(help: "The address to bind; keep 127.0.0.1 unless other machines must reach the fake.")
    var host = "127.0.0.1"

    @Option(help: "Answer with the simulate: settings of this experiment file's providers, and apply its faults: on their schedule.")
    var experiment: String?

    @Flag(help: "With --experiment: one port per provider of the file, from --port upwards.")
    var perProvider = false

    func validate() throws {
        if perProvider && experiment == nil { throw ValidationError("--per-provider needs --experiment.") }
    }

    func run() async throws {
        let world = World.current
        var behavior: any FakeBehavior = FixedLatencyBehavior()
        var names: [String] = []
        var scheduled: ScheduledFaults?
        if let experiment {
            let loaded = ExperimentLoader.load(experiment, in: world)
            for diagnostic in loaded.diagnostics { world.printError(diagnostic.description) }
            guard let model = loaded.experiment else { throw ExitStatus.exit(ExitStatus.invalid) }
            if !perProvider, let proxied = model.providers.first(where: { $0.upstream != nil }) {
                world.printError("error: fake-providers: provider '\(proxied.name)' forwards to its `upstream`, which needs a port of its own; add --per-provider")
                throw ExitStatus.exit(ExitStatus.invalid)
            }
            if perProvider { return try await servePerProvider(Plan(model), world: world) }
            let faults = ScheduledFaults(Plan(model))
            scheduled = faults
            behavior = faults
            names = model.providers.map(\.name)
        }
        let server = FakeProviderServer(host: host, port: port, behavior: behavior, faults: FaultBoard(providers: names))
        let host = host
        let schedule = scheduled
        let serving = Task {
            try await server.run { port in
                await schedule?.start(at: ContinuousClock.now)
                world.print("airm fake-providers listening on http://\(host):\(port)")
            }
        }
        let signals = InterruptSignals()
        let stop = Task {
            while !(await signals.flag.interrupted) {
                try? await Task.sleep(for: .milliseconds(100))
            }
            serving.cancel()
        }
        defer {
            stop.cancel()
            signals.uninstall()
        }
        do {
            try await serving.value
        } catch {
            world.printError("error: fake-providers: \(ListenFailure.message(for: error, host: host, port: port) ?? "\(error)")")
            throw ExitStatus.exit(ExitStatus.runError)
        }
    }

    /// Each provider of the file on its own port, its faults on their schedule from now.
    private func servePerProvider(_ plan: Plan, world: World) async throws {
        let ports = port == 0 ? [] : plan.providers.indices.map { port + $0 }
        let fakes = ProviderFakes(plan, host: host, ports: ports)
        let endpoints: [ProviderFakes.Endpoint]
        do {
            endpoints = try await fakes.open()
        } catch {
            world.printError("error: fake-providers: \(error)")
            await fakes.close()
            throw ExitStatus.exit(ExitStatus.runError)
        }
        await fakes.start(at: ContinuousClock.now)
        let upstreams = Dictionary(plan.experiment.providers.compactMap { provider in provider.upstream.map { (provider.name, $0.value) } }) { first, _ in first }
        for endpoint in endpoints {
            world.print("\(endpoint.provider): \(endpoint.url)" + (upstreams[endpoint.provider].map { " -> \($0)" } ?? ""))
        }
        let signals = InterruptSignals()
        while !(await signals.flag.interrupted) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        signals.uninstall()
        await fakes.close()
    }
}
