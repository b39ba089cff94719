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
        file's simulate: settings, as in simulation; without it, every call succeeds at once. \
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

    @Option(help: "Answer with the simulate: settings of this experiment file's providers.")
    var experiment: String?

    func run() async throws {
        let world = World.current
        var behavior: any FakeBehavior = FixedLatencyBehavior()
        var names: [String] = []
        if let experiment {
            let loaded = ExperimentLoader.load(experiment, in: world)
            for diagnostic in loaded.diagnostics { world.printError(diagnostic.description) }
            guard let model = loaded.experiment else { throw ExitStatus.exit(ExitStatus.invalid) }
            behavior = ModelBehavior(model)
            names = model.providers.map(\.name)
        }
        let server = FakeProviderServer(host: host, port: port, behavior: behavior, faults: FaultBoard(providers: names))
        let host = host
        let serving = Task {
            try await server.run { port in
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
}
