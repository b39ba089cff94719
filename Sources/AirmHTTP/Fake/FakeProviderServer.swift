import AirmSpec
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Faithful fakes of the provider APIs in `ProviderAPIs.all` on one port (docs/providers.md).
///
/// Serves:
/// - `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`, also under
///   `/v1/models/` (Gemini; key in `x-goog-api-key` or `?key=`);
/// - `POST /v2/chat` (Cohere; streams when the body has `"stream": true`);
/// - `POST /models/{model}` and `/hf-inference/models/{model}` (HuggingFace classic, TGI streams);
/// - `POST /v1/chat/completions` (OpenAI-compatible);
/// - `POST /v1/messages` (Anthropic; key in `x-api-key`, streams when the body has `"stream": true`);
/// - the embeddings, feature extraction, HuggingFace chat and `GET` models lists the official SDKs
///   call (docs/providers.md "The fake server");
/// - `POST`, `GET`, `DELETE /_airm/faults`: add, list and clear faults (see `FaultBoard`).
///
/// Any of the API paths may be prefixed with a provider name (`/cohere-b/v2/chat`), which is
/// what `FakeBehavior.decide(provider:at:)` receives. Each call's latency and failure come from
/// `behavior`, then from the faults posted to the control endpoint.
public struct FakeProviderServer: Sendable {
    public var host: String
    /// 0 picks a free port; the bound one is passed to `onReady`.
    public var port: Int
    public var behavior: any FakeBehavior
    /// The faults posted to `/_airm/faults`; shared with whoever holds the server value.
    public let faults: FaultBoard
    /// In proxy mode, the real API every call is forwarded to, faults applied on the way
    /// (docs/app-mode.md "Proxy mode"); `nil`: the fake answers itself.
    public var upstream: UpstreamProxy?
    public var logger: Logger
    /// The calls held open by a `hang`: a shutdown ends them rather than waiting on their clients.
    let hanging = HangingCalls()

    public init(host: String = "127.0.0.1", port: Int = 0, behavior: any FakeBehavior = FixedLatencyBehavior(),
                faults: FaultBoard = FaultBoard(), upstream: UpstreamProxy? = nil, logger: Logger? = nil) {
        self.upstream = upstream
        self.host = host
        self.port = port
        self.behavior = behavior
        self.faults = faults
        var quiet = Logger(label: "airm.fake-providers")
        quiet.logLevel = .warning
        self.logger = logger ?? quiet
    }

    /// The Hummingbird application; `onReady` receives the bound port once it accepts connections,
    /// and `onListening` the listening channel, whose closing refuses new connections at once.
    public func makeApplication(onReady: @escaping @Sendable (Int) async -> Void = { _ in },
                                onListening: @escaping @Sendable (any Channel) async -> Void = { _ in }) -> some ApplicationProtocol {
        let responder = FakeResponder(behavior: behavior, board: faults, started: .now, upstream: upstream, hanging: hanging)
        return Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel)
                await onReady(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
    }

    /// Runs until the surrounding task is cancelled, then shuts down gracefully: it stops
    /// accepting, lets calls in flight finish, and returns. `onReady` receives the bound port.
    ///
    /// A call the behaviour made hang ends then too, with its connection closed.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in },
                    onListening: @escaping @Sendable (any Channel) async -> Void = { _ in }) async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [makeApplication(onReady: onReady, onListening: onListening)], gracefulShutdownSignals: [], logger: logger))
        // Unstructured on purpose: cancelling the caller must become a graceful shutdown,
        // not a cancellation of every connection task.
        let running = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: { [hanging] in
            hanging.closeAll()
            Task { await group.triggerGracefulShutdown() }
        }
    }
}
