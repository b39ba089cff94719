import AirmEngine
import AirmHTTP
import AirmSpec
import Logging
import ServiceLifecycle

/// Runs `airm serve` until SIGTERM or SIGINT: the gateway on its configuration, the server on
/// its options, then a graceful stop (docs/serve.md "Stopping").
///
/// On a signal the server stops accepting connections and lets the calls in flight finish
/// (each is bounded by the policy's attempt timeout and deadline); the gateway then stops its
/// automation and waits for the calls it still has, the request log writes its last rows, and
/// the run returns.
public struct ServeRunner: Sendable {
    public let experiment: Experiment
    public let options: ServeOptions
    public let logger: Logger
    public let observers: [any ServeObserver]
    /// The request log to keep, if any.
    public let log: Observability.LogOptions?

    /// - Parameter logger: structured logs; by default at `info` on standard error, written off the
    ///   calling thread by `LogLineWriter.standardError`.
    public init(experiment: Experiment, options: ServeOptions, logger: Logger? = nil, observers: [any ServeObserver] = [],
                log: Observability.LogOptions? = nil) {
        self.experiment = experiment
        self.options = options
        self.logger = logger ?? Logger(label: "airm.serve") { LogLineWriter.standardError.handler(label: $0) }
        self.observers = observers
        self.log = log
    }

    /// Serves until a signal (or until the surrounding task is cancelled); `onReady` receives
    /// the bound port once connections are accepted.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        // Every line logged is out before the process goes on to exit, unless standard error is stalled.
        defer { LogLineWriter.standardError.flush() }
        // The request log first: a file that cannot be opened stops the run before anything starts.
        let names = experiment.providers.map(\.name)
        let observability = try log.map { options throws in try Observability(providers: names, log: options, logger: logger) }
            ?? Observability(providers: names)
        let http = ProviderClients.makeHTTPClient()
        let transports = ServeSetup.transports(for: experiment, simulate: options.simulate, http: http)
        let plan = Plan(experiment, choices: Plan.Choices(mode: transports.contains { $0 != nil } ? .live : .simulated))
        let gateway = Gateway(plan, transports: transports,
                              observers: observers + [LogObserver(logger: logger)] + observability.observers)
        for (provider, transport) in zip(experiment.providers, transports) {
            logger.info("provider", metadata: ["name": "\(provider.name)", "type": "\(provider.kind.rawValue)",
                                               "calls": "\(transport == nil ? "simulated" : "live")"])
        }
        await gateway.scheduleConfiguredFaults()
        let server = ServeServer(services: ServeServices(gateway: gateway, options: options, logger: logger,
                                                         observability: observability))
        // Shut down in reverse: the live feed first, so open event streams end and do not hold the server.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [server.makeApplication(onReady: onReady), observability.feedService],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let running = Task { try await group.run() }
        let outcome = await withTaskCancellationHandler {
            await running.result
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
        await gateway.drain()
        await observability.close()
        try? await http.shutdown()
        logger.info("stopped")
        try outcome.get()
    }
}
