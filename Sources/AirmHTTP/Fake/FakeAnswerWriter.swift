import AirmEngine
import AirmSpec
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one answer of a fake API: a JSON body, an event stream, or either one spoiled.
struct FakeAnswerWriter: Sendable {
    let api: any FakeAPI
    let call: FakeCall
    let tokens: [String]
    /// Whether a streamed answer is server-sent events (Gemini without `alt=sse` sends a JSON array).
    let sse: Bool
    let channel: any Channel
    let tokenInterval: TimeSpan
    /// A pause `after` into a streamed answer (whole answers are delayed by the responder).
    var stall: FaultEffect.Stall? = nil

    static let jsonHeaders = [("content-type", "application/json")]
    static let streamHeaders = [("content-type", "text/event-stream"), ("cache-control", "no-cache")]

    /// Whether the answer is an event stream, the only kind a stall pauses midway.
    var isEventStream: Bool { call.stream && sse }

    /// The complete answer, corrupted when asked.
    func answer(corruption: Fault.Corruption?) -> Response {
        guard call.stream else {
            let body = api.answer(call, tokens: tokens).bytes
            return bytes(corruption.map { BodyCorruption.apply($0, to: body) } ?? body)
        }
        guard sse else {
            let array = JSONValue.array(api.events(call, tokens: tokens).compactMap { JSONValue.parse($0.event.data) })
            return bytes(corruption.map { BodyCorruption.apply($0, to: array.bytes) } ?? array.bytes)
        }
        var events = api.events(call, tokens: tokens).map(\.event)
        if let corruption { events = BodyCorruption.apply(corruption, to: events) }
        return stream(events.map(\.framed), end: .finish)
    }

    /// The provider's safety block, or `nil` when it has none.
    func blocked() -> Response? {
        guard let block = api.blocked(call) else { return nil }
        guard call.stream, sse else {
            return bytes(call.stream ? JSONValue.array([block.body]).bytes : block.body.bytes)
        }
        return stream(block.events.map(\.framed), end: .finish)
    }

    /// An answer that stops after `count` tokens, before any final event.
    func cut(afterTokens count: Int, reset: Bool) -> Response {
        cut(.afterTokens(count), reset: reset)
    }

    /// An answer that stops after a time or a number of tokens, before any final event: the
    /// body ends there (`reset`: the connection is reset there). A whole answer sends half its
    /// body, then closes or resets.
    func cut(_ cut: Fault.StreamCut, reset: Bool) -> Response {
        guard call.stream, sse else {
            let body = call.stream
                ? JSONValue.array(api.events(call, tokens: tokens).compactMap { JSONValue.parse($0.event.data) }).bytes
                : api.answer(call, tokens: tokens).bytes
            return halfThenClose(body, reset: reset)
        }
        var kept: [ServerSentEvent] = []
        var seen = 0
        for event in api.events(call, tokens: tokens) {
            if event.isFinal { break }
            if case .afterTokens(let count) = cut, event.isToken, seen >= count { break }
            if event.isToken { seen += 1 }
            kept.append(event.event)
        }
        var limit: TimeSpan?
        if case .afterTime(let after) = cut { limit = after }
        return stream(kept.map(\.framed), end: reset ? .reset : .close, within: limit)
    }

    // MARK: - Bodies

    /// How a stream ends: cleanly, by closing the connection, or by resetting it.
    enum End { case finish, close, reset }

    private func bytes(_ body: [UInt8]) -> Response {
        Response(status: .ok, headers: FakeResponder.fields(Self.jsonHeaders),
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Writes `frames` `tokenInterval` apart, pausing for the stall, and stops early once
    /// `within` has passed since the first frame.
    private func stream(_ frames: [[UInt8]], end: End, within limit: TimeSpan? = nil) -> Response {
        let interval = tokenInterval
        let channel = channel
        let stall = stall
        let body = ResponseBody { writer in
            let started = ContinuousClock.now
            var stalled = false
            for (index, frame) in frames.enumerated() {
                if index > 0, interval > .zero { try await Task.sleep(for: .nanoseconds(interval.nanoseconds)) }
                if let stall, !stalled, TimeSpan(ContinuousClock.now - started) >= stall.after {
                    stalled = true
                    try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds))
                }
                if let limit, TimeSpan(ContinuousClock.now - started) >= limit { break }
                try await writer.write(ByteBuffer(bytes: frame))
            }
            if let limit, end != .finish {
                let left = limit - TimeSpan(ContinuousClock.now - started)
                if left > .zero { try await Task.sleep(for: .nanoseconds(left.nanoseconds)) }
            }
            switch end {
            case .finish:
                if let stall, !stalled { try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds)) }
                try await writer.finish(nil)
            case .close:
                try? await channel.close()
                throw CancellationError()
            case .reset:
                await Self.reset(channel)
                throw CancellationError()
            }
        }
        return Response(status: .ok, headers: FakeResponder.fields(Self.streamHeaders), body: body)
    }

    /// Promises the whole body, sends half, then closes (or resets) the connection.
    private func halfThenClose(_ body: [UInt8], reset: Bool) -> Response {
        let channel = channel
        let half = Array(body.prefix(body.count / 2))
        let response = ResponseBody(contentLength: body.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            if reset { await Self.reset(channel) } else { try? await channel.close() }
            throw CancellationError()
        }
        return Response(status: .ok, headers: FakeResponder.fields(Self.jsonHeaders + [("content-length", "\(body.count)")]),
                        body: response)
    }

    // MARK: - Reset

    /// Resets the connection: SO_LINGER 0, then close, so the kernel sends a TCP RST instead
    /// of a FIN (Toxiproxy's `reset_peer`).
    static func reset(_ channel: any Channel) async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
