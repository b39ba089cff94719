import AirmSpec
import Hummingbird
import NIOCore

/// Writes one answer of a fake API: a JSON body, an event stream, or either one spoiled.
struct FakeAnswerWriter: Sendable {
    let api: any FakeAPI
    let call: FakeCall
    let tokens: [String]
    /// Whether a streamed answer is server-sent events (Gemini without `alt=sse` sends a JSON array).
    let sse: Bool
    let channel: any Channel
    let tokenInterval: TimeSpan

    static let jsonHeaders = [("content-type", "application/json")]
    static let streamHeaders = [("content-type", "text/event-stream"), ("cache-control", "no-cache")]

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
        return stream(events.map(\.framed), reset: false)
    }

    /// The provider's safety block, or `nil` when it has none.
    func blocked() -> Response? {
        guard let block = api.blocked(call) else { return nil }
        guard call.stream, sse else {
            return bytes(call.stream ? JSONValue.array([block.body]).bytes : block.body.bytes)
        }
        return stream(block.events.map(\.framed), reset: false)
    }

    /// An answer that stops after `count` tokens, before any final event.
    func cut(afterTokens count: Int, reset: Bool) -> Response {
        guard call.stream, sse else {
            let body = call.stream
                ? JSONValue.array(api.events(call, tokens: tokens).compactMap { JSONValue.parse($0.event.data) }).bytes
                : api.answer(call, tokens: tokens).bytes
            return halfThenClose(body)
        }
        var kept: [ServerSentEvent] = []
        var seen = 0
        for event in api.events(call, tokens: tokens) {
            if event.isFinal || (event.isToken && seen >= count) { break }
            if event.isToken { seen += 1 }
            kept.append(event.event)
        }
        return stream(kept.map(\.framed), reset: reset)
    }

    // MARK: - Bodies

    private func bytes(_ body: [UInt8]) -> Response {
        Response(status: .ok, headers: FakeResponder.fields(Self.jsonHeaders),
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func stream(_ frames: [[UInt8]], reset: Bool) -> Response {
        let interval = tokenInterval
        let channel = channel
        let body = ResponseBody { writer in
            for (index, frame) in frames.enumerated() {
                if index > 0, interval > .zero { try await Task.sleep(for: .nanoseconds(interval.nanoseconds)) }
                try await writer.write(ByteBuffer(bytes: frame))
            }
            if reset {
                try? await channel.close()
                throw CancellationError()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: FakeResponder.fields(Self.streamHeaders), body: body)
    }

    /// Promises the whole body, sends half, then closes the connection.
    private func halfThenClose(_ body: [UInt8]) -> Response {
        let channel = channel
        let half = Array(body.prefix(body.count / 2))
        let response = ResponseBody(contentLength: body.count) { writer in
            try await writer.write(ByteBuffer(bytes: half))
            try? await channel.close()
            throw CancellationError()
        }
        return Response(status: .ok, headers: FakeResponder.fields(Self.jsonHeaders + [("content-length", "\(body.count)")]),
                        body: response)
    }
}
