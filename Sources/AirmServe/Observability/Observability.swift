import AirmStore
import Foundation
import Logging
import ServiceLifecycle

/// What `airm serve` watches itself with (docs/serve.md "Metrics", "Request log", "Dashboard"):
/// the Prometheus metrics, the request log and its writer, and the dashboard's live feed.
///
/// Each is a `ServeObserver` of the gateway (`observers`). The feed and the writer run on
/// their own tasks: `feedService` ends the dashboard's streams when the server shuts down, so
/// open `GET /events` responses do not hold the shutdown; `close()` writes the last rows once
/// the gateway has drained.
public struct Observability: Sendable {
    /// Where and how the request log is kept (`--log-db`, `--log-retention`, `--log-max-rows`, `--log-bodies`).
    public struct LogOptions: Sendable, Hashable {
        public var path: String
        public var retention: RequestLog.Retention
        public var bodies: Bool

        public init(path: String = RequestLog.defaultPath, retention: RequestLog.Retention = .standard, bodies: Bool = false) {
            self.path = path
            self.retention = retention
            self.bodies = bodies
        }
    }

    public let metrics: GatewayMetrics
    public let feed: LiveFeed
    /// `nil` when the gateway keeps no request log.
    public let log: RequestLog?
    let writer: RequestLogWriter?
    private let writing: Task<Void, Never>?
    /// Whether rows keep the prompt and the answer.
    let logBodies: Bool

    /// Metrics and a live feed for `providers`, and no request log.
    public init(providers: [String]) {
        metrics = GatewayMetrics(providers: providers)
        feed = LiveFeed(breakers: providers.map { ($0, .closed) })
        log = nil
        writer = nil
        writing = nil
        logBodies = false
    }

    /// Metrics and a live feed for `providers`, and the request log `options` describe.
    ///
    /// - Throws: `RequestLogError` when the log file cannot be opened.
    public init(providers: [String], log options: LogOptions, logger: Logger? = nil) throws(RequestLogError) {
        metrics = GatewayMetrics(providers: providers)
        feed = LiveFeed(breakers: providers.map { ($0, .closed) })
        let log = try RequestLog(path: options.path)
        let writer = RequestLogWriter(log: log, retention: options.retention, onFlush: { flush in
            if let error = flush.error {
                logger?.error("request log write failed", metadata: ["error": "\(error)"])
            }
        })
        self.log = log
        self.writer = writer
        writing = Task { await writer.run() }
        logBodies = options.bodies
    }

    /// The observers to give the gateway.
    public var observers: [any ServeObserver] {
        var observers: [any ServeObserver] = [metrics, feed]
        if let writer { observers.append(RequestLogObserver(writer: writer, logBodies: logBodies)) }
        return observers
    }

    /// Runs the live feed until the server shuts down; put it after the application in the
    /// service group, so it is told first.
    public var feedService: some Service { FeedService(feed: feed) }

    /// Writes what is left of the request log and stops its writer. Call once the gateway has drained.
    public func close() async {
        feed.finish()
        writer?.finish()
        await writing?.value
    }
}

/// The live feed as a service: it runs until graceful shutdown, then finishes.
struct FeedService: Service {
    let feed: LiveFeed

    func run() async throws {
        await withGracefulShutdownHandler {
            await feed.run()
        } onGracefulShutdown: {
            feed.finish()
        }
    }
}
