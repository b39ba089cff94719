import AirmStore
import Foundation

/// Hands every finished call to the request log's writer (docs/serve.md "Request log").
///
/// `observe` only enqueues a row; the writer batches it into SQLite on its own task. The prompt
/// and answer are kept only when `logBodies` is set (`--log-bodies`).
public struct RequestLogObserver: ServeObserver {
    public let writer: RequestLogWriter
    public let logBodies: Bool

    public init(writer: RequestLogWriter, logBodies: Bool = false) {
        self.writer = writer
        self.logBodies = logBodies
    }

    public func observe(_ event: ServeEvent) {
        guard case .call(let call) = event.kind else { return }
        writer.log(Self.row(call, endedAt: event.date, logBodies: logBodies))
    }

    /// The row of `call`, which ended at `endedAt`: stamped with its arrival.
    static func row(_ call: CallRecord, endedAt: Date, logBodies: Bool) -> RequestRow {
        RequestRow(at: endedAt.addingTimeInterval(-call.latency.seconds), provider: call.provider,
                   outcome: call.outcome, attempts: call.attempts, latency: call.latency, fault: call.fault,
                   prompt: logBodies ? call.prompt : nil, answer: logBodies ? call.answer : nil)
    }
}
