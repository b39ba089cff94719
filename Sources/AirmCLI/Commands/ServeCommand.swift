import AirmServe
import AirmSpec
import AirmStore
import ArgumentParser
import Foundation

/// `airm serve`: the gateway applications call, with breakers and a chaos API (docs/serve.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve /ai through a resilience policy, with breakers, a chaos API and an OpenAPI document.",
        discussion: """
        The configuration is an experiment file's providers, policy and optional faults (applied on \
        their schedule from start-up); traffic, duration and assertions may be left out and traffic \
        is not sent. A provider without a key, or every provider with --simulate, answers from its \
        simulate: model in wall time. Routes: POST /ai, POST /ai/{provider}, GET /test, GET /chaos, \
        POST /chaos/inject, POST /chaos/stop, GET /circuit-breaker/status, POST /circuit-breaker/reset, \
        /force-open and /disable, GET /automation, POST /automation/start and /stop, GET /openapi.yaml, \
        GET /metrics (Prometheus), GET /api/history/requests, GET /api/database/stats, GET /events \
        (server-sent events) and GET / (the dashboard) (docs/serve.md). Every call is logged to \
        --log-db in batches, without its prompt and answer unless --log-bodies. Binds 127.0.0.1 by default; another address needs a token. Stops on SIGTERM \
        or Ctrl-C after the calls in flight end, with exit 0. Exit 2 on an invalid configuration or usage.
        """
    )

    @Option(help: "The configuration: an experiment file (providers, policy, optional faults).")
    var config: String

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = ServeOptions.defaultPort

    @Option(help: "The address to bind. Anything but loopback needs a token.")
    var host = "127.0.0.1"

    @Option(help: "The bearer token every state-changing route needs (default: $AIRM_TOKEN).")
    var token: String?

    @Flag(help: "Answer from every provider's simulate: model, keys or not.")
    var simulate = false

    @Option(help: "Allow browsers on this origin to call the API (CORS is off without it).")
    var cors: String?

    @Option(help: "The largest request body in bytes (answered 413 above it).")
    var bodyLimit = ServeOptions.defaultBodyLimit

    @Option(help: "Calls each client may make to /ai, e.g. 50/s (answered 429 with Retry-After above it).")
    var aiRateLimit = "50/s"

    @Option(help: "The request log, an SQLite file beside the run history.")
    var logDb = RequestLog.defaultPath

    @Option(help: "Delete logged requests older than this, e.g. 7d, 12h or 30m.")
    var logRetention = "7d"

    @Option(help: "Keep at most this many logged requests, the newest.")
    var logMaxRows: Int?

    @Flag(help: "Keep each request's prompt and answer in the request log.")
    var logBodies = false

    func validate() throws {
        if case .failure(let error) = RequestLog.Retention.age(logRetention) {
            throw ValidationError("--log-retention: \(error)")
        }
        if let logMaxRows, logMaxRows < 0 { throw ValidationError("--log-max-rows must be 0 or more.") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard bodyLimit > 0 else { throw ValidationError("--body-limit must be at least 1 byte.") }
        if case .failure(let error) = UnitParser.rate(aiRateLimit) {
            throw ValidationError("--ai-rate-limit: \(error)")
        }
    }

    func run() async throws {
        let world = World.current
        guard case .success(let rate) = UnitParser.rate(aiRateLimit) else { throw ExitStatus.exit(ExitStatus.invalid) }
        let options = ServeOptions(host: host, port: port, token: token ?? world.environment["AIRM_TOKEN"], corsOrigin: cors,
                                   bodyLimit: bodyLimit, aiRateLimit: rate, simulate: simulate)
        if let refusal = options.refusal {
            world.printError("error: \(refusal)")
            throw ExitStatus.exit(ExitStatus.invalid)
        }
        let loaded = ServeSetup.load(contentsOf: world.resolve(config), shownAs: config, environment: world.environment)
        for diagnostic in loaded.diagnostics { world.printError(diagnostic.description) }
        if loaded.hasErrors { world.printError(DiagnosticPrinter.summary(loaded.diagnostics, files: 1)) }
        guard let experiment = loaded.experiment else { throw ExitStatus.exit(ExitStatus.invalid) }
        guard case .success(let age) = RequestLog.Retention.age(logRetention) else { throw ExitStatus.exit(ExitStatus.invalid) }
        let log = Observability.LogOptions(path: world.resolve(logDb), retention: .init(maxAge: age, maxRows: logMaxRows),
                                           bodies: logBodies)
        let runner = ServeRunner(experiment: experiment, options: options, log: log)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        do {
            try await runner.run { port in
                world.print("airm serve listening on http://\(shownHost):\(port)")
            }
        } catch {
            world.printError("error: serve: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
    }
}
