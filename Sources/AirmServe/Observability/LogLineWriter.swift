import Dispatch
import Foundation
import Logging
import Synchronization

/// Writes log lines to a file descriptor from a queue of its own, so that logging never blocks
/// the thread that logs (docs/serve.md "Logs").
///
/// The access log writes one line per request from the event loop that answers it. Written
/// there, a slow or stalled standard error (a full pipe to a log collector) would hold up every
/// connection on that loop. Here a line is only appended to a buffer; a serial queue writes the
/// buffer out, all lines waiting at once, in order, `delay` after the first of them: one wake-up
/// per batch, not one per line. When more than `limit` bytes are waiting,
/// new lines are dropped and counted, and once the writes go through again a line says how many
/// were lost.
public final class LogLineWriter: Sendable {
    /// The process's standard error.
    public static let standardError = LogLineWriter(descriptor: 2)

    private struct State {
        var waiting: [UInt8] = []
        var dropped = 0
        /// Dropped lines not yet reported in the output.
        var unreported = 0
        var scheduled = false
    }

    private let descriptor: Int32
    /// Bytes waiting at most before lines are dropped.
    let limit: Int
    /// How long a line waits at most before its batch is written (unless `flush()` comes first).
    let delay: DispatchTimeInterval
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "airm.log-lines")

    public init(descriptor: Int32, limit: Int = 4 << 20, delay: DispatchTimeInterval = .milliseconds(20)) {
        self.descriptor = descriptor
        self.limit = limit
        self.delay = delay
    }

    /// A swift-log handler in StreamLogHandler's format that writes through this writer.
    public func handler(label: String) -> StreamLogHandler {
        StreamLogHandler(label: label, stream: Stream(writer: self), metadataProvider: nil)
    }

    /// Queues `text` for writing; never blocks on the descriptor.
    public func write(_ text: String) {
        let schedule = state.withLock { state -> Bool in
            guard state.waiting.count + text.utf8.count <= limit else {
                state.dropped += 1
                state.unreported += 1
                return false
            }
            state.waiting.append(contentsOf: text.utf8)
            defer { state.scheduled = true }
            return !state.scheduled
        }
        if schedule { queue.asyncAfter(deadline: .now() + delay) { self.drain() } }
    }

    /// Returns once every line queued before the call has been written (or failed to be), or
    /// after `timeout` if the output is stalled; `false` then, and the lines not written are lost.
    @discardableResult
    public func flush(within timeout: DispatchTimeInterval = .seconds(2)) -> Bool {
        let done = DispatchSemaphore(value: 0)
        queue.async {
            self.drain()
            done.signal()
        }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// Lines dropped so far because too much was waiting.
    public var dropped: Int { state.withLock { $0.dropped } }

    private func drain() {
        while true {
            let (bytes, dropped) = state.withLock { state -> ([UInt8], Int) in
                defer {
                    state.waiting = []
                    state.unreported = 0
                }
                if state.waiting.isEmpty, state.unreported == 0 { state.scheduled = false }
                return (state.waiting, state.unreported)
            }
            guard !bytes.isEmpty || dropped > 0 else { return }
            writeAll(bytes)
            if dropped > 0 {
                writeAll(Array("airm: \(dropped) log lines dropped: the log output was not keeping up\n".utf8))
            }
        }
    }

    /// Writes `bytes` in full, unless the descriptor fails (a closed pipe: the lines are lost).
    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    private struct Stream: TextOutputStream, Sendable {
        let writer: LogLineWriter
        mutating func write(_ string: String) { writer.write(string) }
    }
}
