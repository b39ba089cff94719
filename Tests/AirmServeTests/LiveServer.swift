import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `router` on an ephemeral 127.0.0.1 port for the duration of `body`, then shuts it down
/// gracefully. Readiness is awaited through `onServerRunning`, never by sleeping.
func withLiveServer<T: Sendable>(
    _ router: Router<BasicRequestContext>, _ body: @Sendable (_ port: Int) async throws -> T
) async throws -> T {
    var logger = Logger(label: "airm.serve-tests")
    logger.logLevel = .warning
    let (ports, ready) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
        router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in ready.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(
        services: [application], gracefulShutdownSignals: [], logger: logger))
    let running = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw LiveServerError.didNotStart }
    let result: Result<T, any Error>
    do {
        result = .success(try await body(port))
    } catch {
        result = .failure(error)
    }
    await group.triggerGracefulShutdown()
    try await running.value
    return try result.get()
}

enum LiveServerError: Error { case didNotStart }
