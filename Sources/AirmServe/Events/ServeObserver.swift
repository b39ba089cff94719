import Foundation

/// Receives every event of a running gateway, in order: the one observation point that
/// metrics, the request log and the live event stream subscribe to (docs/serve.md "Events").
///
/// An implementation must:
/// - return quickly and never block: it is called on the gateway's actor, between two steps of
///   the run core, so a slow observer slows every call (hand events to a buffer or a task);
/// - never call back into the gateway from `observe`;
/// - keep prompts and answers (`CallRecord.prompt`, `.answer`) out of anything it writes unless
///   it was asked to keep bodies.
public protocol ServeObserver: Sendable {
    func observe(_ event: ServeEvent)
}

/// An observer that hands events to an `AsyncStream`, keeping at most `limit` unread ones
/// (the newest): for consumers that read at their own pace, such as a server-sent event stream.
public struct ServeEventStream: ServeObserver {
    public let events: AsyncStream<ServeEvent>
    private let continuation: AsyncStream<ServeEvent>.Continuation

    public init(limit: Int = 1024) {
        (events, continuation) = AsyncStream.makeStream(of: ServeEvent.self, bufferingPolicy: .bufferingNewest(limit))
    }

    public func observe(_ event: ServeEvent) {
        continuation.yield(event)
    }

    /// Ends the stream: its reader sees the end once it has read what is buffered.
    public func finish() {
        continuation.finish()
    }
}
