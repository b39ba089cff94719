import Foundation

/// Writes the gateway's request rows to a `RequestLog` in batches, off the request path
/// (docs/serve.md "Request log").
///
/// A request handler calls `log(_:)`, which only enqueues the row and never waits on SQLite.
/// `run()` takes the rows in order and writes them in one transaction per batch: when
/// `batchSize` rows are waiting, every `flushInterval` otherwise, and once more when `finish()`
/// ends the queue (shutdown). After each batch it applies the log's retention.
public actor RequestLogWriter {
    /// What one write did: the rows written, the rows retention deleted, or why it failed.
    public struct Flush: Sendable {
        public var written: Int
        public var pruned: Int
        public var error: RequestLogError?
    }

    public let log: RequestLog
    public let batchSize: Int
    public let flushInterval: Duration
    public let retention: RequestLog.Retention
    private let now: @Sendable () -> Date
    private let onFlush: @Sendable (Flush) -> Void
    private let rows: AsyncStream<RequestRow>
    private let input: AsyncStream<RequestRow>.Continuation
    private var buffer: [RequestRow] = []
    /// Rows written since start; rows lost to failed writes.
    public private(set) var written = 0
    public private(set) var lost = 0

    /// - Parameters:
    ///   - now: the wall clock retention is measured against.
    ///   - onFlush: told about every write, e.g. to log a failure.
    public init(log: RequestLog, batchSize: Int = 256, flushInterval: Duration = .milliseconds(250),
                retention: RequestLog.Retention = .standard, now: @escaping @Sendable () -> Date = { Date() },
                onFlush: @escaping @Sendable (Flush) -> Void = { _ in }) {
        self.log = log
        self.batchSize = max(1, batchSize)
        self.flushInterval = flushInterval
        self.retention = retention
        self.now = now
        self.onFlush = onFlush
        (rows, input) = AsyncStream.makeStream(of: RequestRow.self)
        buffer.reserveCapacity(self.batchSize)
    }

    /// Queues `row` for writing. Never blocks; rows logged after `finish()` are dropped.
    public nonisolated func log(_ row: RequestRow) {
        input.yield(row)
    }

    /// Ends the queue: `run()` writes what is left and returns.
    public nonisolated func finish() {
        input.finish()
    }

    /// Writes queued rows until `finish()`, then writes the rest. Run it once, as a service.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [flushInterval] in
                while (try? await Task.sleep(for: flushInterval)) != nil {
                    await self.flush()
                }
            }
            for await row in rows {
                buffer.append(row)
                if buffer.count >= batchSize { await flush() }
            }
            group.cancelAll()
        }
        await flush()
    }

    /// Writes the waiting rows in one transaction, then applies retention.
    public func flush() async {
        guard !buffer.isEmpty else { return }
        let batch = buffer
        buffer.removeAll(keepingCapacity: true)
        var result = Flush(written: 0, pruned: 0, error: nil)
        do {
            try await log.insert(batch)
            result.written = batch.count
            written += batch.count
            result.pruned = try await log.prune(retention, now: now())
        } catch {
            if result.written == 0 { lost += batch.count }
            result.error = error
        }
        onFlush(result)
    }
}
