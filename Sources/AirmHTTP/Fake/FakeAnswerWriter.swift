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
            let body = wholeBody
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
        guard call.operation == .generate, let block = api.blocked(call) else { return nil }
        guard call.stream, sse else {
            return bytes(call.stream ? JSONValue.array([block.body]).bytes : block.body.bytes)
        }
        return stream(block.events.map(\.framed), end: .finish)
    }

    /// An answer that stops after a time or a number of tokens, before any final event, and ends
    /// there as `ending` says: part of the next event, then the connection closes (`truncated`);
    /// the body ends cleanly (`clean`); or the connection is reset (`reset`). A whole answer
    /// sends half its body: promising all of it, then closing or resetting; or, `clean`, as a
    /// complete body of that half.
    func cut(_ cut: Fault.StreamCut, ending: Fault.StreamEnding) -> Response {
        guard call.stream, sse else {
            let body = call.stream
                ? JSONValue.array(api.events(call, tokens: tokens).compactMap { JSONValue.parse($0.event.data) }).bytes
                : wholeBody
            return Self.halfThenEnd(body, ending: ending, channel: channel)
        }
        let events = api.events(call, tokens: tokens)
        var kept: [[UInt8]] = []
        var seen = 0
        for event in events {
            if event.isFinal { break }
            if case .afterTokens(let count) = cut, event.isToken, seen >= count { break }
            if event.isToken { seen += 1 }
            kept.append(event.event.framed)
        }
        var limit: TimeSpan?
        if case .afterTime(let after) = cut { limit = after }
        let next = events.indices.contains(kept.count) ? events[kept.count].event.framed : []
        switch ending {
        case .clean: return stream(kept, end: .finish, within: limit)
        case .reset: return stream(kept, end: .reset, within: limit)
        case .truncated: return stream(kept + [next], end: .truncated, within: limit)
        }
    }

    // MARK: - Bodies

    /// The complete answer of a call that is not streamed: a generation, embeddings or the models list.
    var wholeBody: [UInt8] {
        switch call.operation {
        case .generate: api.answer(call, tokens: tokens).bytes
        case .embed: api.embedding(call, vectors: FakeEmbedding.vectors(call)).bytes
        case .models: api.models().bytes
        }
    }

    /// How a stream ends: cleanly, by sending half of the frame it stops at and closing the
    /// connection, or by resetting the connection.
    enum End { case finish, truncated, reset }

    private func bytes(_ body: [UInt8]) -> Response {
        Response(status: .ok, headers: FakeResponder.fields(Self.jsonHeaders),
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Writes `frames` `tokenInterval` apart, pausing for the stall, and stops early once
    /// `within` has passed since the first frame. `truncated` writes half of the frame it stops
    /// at (the last one when none stops it) before closing.
    private func stream(_ frames: [[UInt8]], end: End, within limit: TimeSpan? = nil) -> Response {
        let interval = tokenInterval
        let channel = channel
        let stall = stall
        let body = ResponseBody { writer in
            let started = ContinuousClock.now
            var stalled = false
            var stoppedAt = frames.count
            for (index, frame) in frames.enumerated() {
                if index > 0, interval > .zero { try await Task.sleep(for: .nanoseconds(interval.nanoseconds)) }
                if let stall, !stalled, TimeSpan(ContinuousClock.now - started) >= stall.after {
                    stalled = true
                    try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds))
                }
                if let limit, TimeSpan(ContinuousClock.now - started) >= limit {
                    stoppedAt = index
                    break
                }
                if end == .truncated, index == frames.count - 1 {
                    stoppedAt = index
                    break
                }
                try await writer.write(ByteBuffer(bytes: frame))
            }
            if let limit {
                let left = limit - TimeSpan(ContinuousClock.now - started)
                if left > .zero { try await Task.sleep(for: .nanoseconds(left.nanoseconds)) }
            }
            switch end {
            case .finish:
                if let stall, !stalled { try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds)) }
                try await writer.finish(nil)
            case .truncated:
                if frames.indices.contains(stoppedAt), !frames[stoppedAt].isEmpty {
                    let frame = frames[stoppedAt]
                    try await writer.write(ByteBuffer(bytes: frame.prefix(max(1, frame.count / 2))))
                }
                try? await channel.close()
                throw CancellationError()
            case .reset:
                await Self.reset(channel)
                throw CancellationError()
            }
        }
        return Response(status: .ok, headers: FakeResponder.fields(Self.streamHeaders), body: body)
    }

    /// Sends half of `body`: promising all of it, then closing or resetting the connection, or
    /// (`clean`) as a complete body.
    static func halfThenEnd(_ body: [UInt8], ending: Fault.StreamEnding, channel: any Channel, status: Int = 200,
                            headers: [(String, String)] = jsonHeaders) -> Response {
        let half = Array(body.prefix(body.count / 2))
        if ending == .clean {
            return Response(status: .init(code: status), headers: FakeResponder.fields(headers),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: half)))
        }
        let response = ResponseBody(contentLength: body.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            if ending == .reset { await Self.reset(channel) } else { try? await channel.close() }
            throw CancellationError()
        }
        return Response(status: .init(code: status), headers: FakeResponder.fields(headers + [("content-length", "\(body.count)")]),
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
