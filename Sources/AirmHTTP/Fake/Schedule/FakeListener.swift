import AirmSpec
import Logging
import NIOCore

/// One provider's fake server whose listener can be closed and opened again on the same port.
///
/// Closing closes the listening socket at once, so new connections are refused by the kernel,
/// then shuts the server down gracefully: calls in flight on open connections finish. Opening
/// binds the port it had before.
actor FakeListener {
    enum Failure: Error, CustomStringConvertible {
        case cannotBind(host: String, port: Int)
        var description: String {
            switch self {
            case .cannotBind(let host, let port): "cannot listen on \(host):\(port)"
            }
        }
    }

    let host: String
    let behavior: any FakeBehavior
    /// In proxy mode, the real API the fake forwards to.
    let upstream: UpstreamProxy?
    /// The bound port, once opened.
    private(set) var port: Int
    private var serving: Task<Void, Never>?
    /// The listening channel of the server serving now.
    private var listening: (any Channel)?

    init(host: String, port: Int, behavior: any FakeBehavior, upstream: UpstreamProxy? = nil) {
        self.upstream = upstream
        self.host = host
        self.port = port
        self.behavior = behavior
    }

    var isOpen: Bool { serving != nil }

    /// Listens on the port (the first time, on the one given at creation; 0 picks a free one)
    /// and returns once connections are accepted. A port still held by the closing listener is
    /// tried again for up to `patience`.
    @discardableResult
    func open(patience: Duration = .seconds(2)) async throws -> Int {
        if serving != nil { return port }
        let deadline = ContinuousClock.now + patience
        while true {
            if let bound = await bind() {
                port = bound
                return bound
            }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { throw Failure.cannotBind(host: host, port: port) }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Stops accepting connections; calls in flight finish on their own.
    func close() async {
        try? await listening?.close()
        listening = nil
        serving?.cancel()
        serving = nil
    }

    private func listen(on channel: any Channel) { listening = channel }

    private func bind() async -> Int? {
        let (ready, signal) = AsyncStream<Int?>.makeStream()
        // Closing the listener first makes the server's own shutdown find it closed: not an error here.
        var logger = Logger(label: "airm.fake-providers")
        logger.logLevel = .critical
        let server = FakeProviderServer(host: host, port: port, behavior: behavior, upstream: upstream, logger: logger)
        let task = Task {
            do {
                try await server.run(onReady: { bound in signal.yield(bound) },
                                     onListening: { channel in await self.listen(on: channel) })
            } catch {}
            signal.yield(nil)
            signal.finish()
        }
        for await bound in ready {
            guard let bound else { break }
            serving = task
            return bound
        }
        return nil
    }
}
