import AirmEngine
import AirmSpec
import AsyncHTTPClient
import Hummingbird
import NIOCore

/// Sends an upstream's answer back to the caller, altered as live mode alters a real exchange
/// (`Alteration`, `BodyCorruption`; docs/app-mode.md "Proxy mode"):
/// - `none`: status, headers and body byte for byte, as they arrive;
/// - `corrupt`: the whole body (an event stream: every event's data) spoiled, framing intact;
/// - `cut`: an event stream stops after a time or a number of events, always before the
///   upstream's last event, and ends as `ending` says; a whole answer sends half its body,
///   as the fake's own cut does;
/// - `stall`: the answer pauses `after` into it for `gap` (a whole answer, at its end).
///
/// Only 2xx answers are altered; the upstream's errors pass through untouched.
struct ProxyRelay: Sendable {
    var alteration: Alteration
    var ending: Fault.StreamEnding
    var stall: FaultEffect.Stall?
    let channel: any Channel
    /// The most of a body the proxy holds in memory to corrupt or cut it.
    static let maxBody = 16 * 1024 * 1024

    /// The alteration and ending of a fake's decision to answer, or `nil` when it does not answer.
    static func alteration(of action: FakeDecision.Action) -> (Alteration, Fault.StreamEnding)? {
        switch action {
        case .answer: (.none, .clean)
        case .corrupt(let how): (.corrupt(how), .clean)
        case .cut(let cut, let ending): (.cut(cut), ending)
        case .cutStream(let count, let reset): (.cut(.afterTokens(count)), reset ? .reset : .truncated)
        case .error, .coldStart, .hang, .close, .reset, .blocked: nil
        }
    }

    func relay(status: Int, headers: [(String, String)], body: HTTPClientResponse.Body) async throws -> Response {
        let isStream = headers.contains { $0.0 == "content-type" && $0.1.lowercased().contains("text/event-stream") }
        let altered = (200..<300).contains(status) ? alteration : .none
        let unsized = headers.filter { $0.0 != "content-length" }
        switch altered {
        case .none:
            return Response(status: .init(code: status), headers: FakeResponder.fields(headers), body: pass(body))
        case .corrupt(let how):
            let bytes = Array(buffer: try await body.collect(upTo: Self.maxBody))
            let spoiled = isStream ? Self.corruptEvents(how, bytes) : BodyCorruption.apply(how, to: bytes)
            if let stall { try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds)) }
            return Response(status: .init(code: status), headers: FakeResponder.fields(unsized),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: spoiled)))
        case .cut(let cut):
            guard isStream else {
                let bytes = Array(buffer: try await body.collect(upTo: Self.maxBody))
                return FakeAnswerWriter.halfThenEnd(bytes, ending: ending, channel: channel, status: status, headers: unsized)
            }
            return Response(status: .init(code: status), headers: FakeResponder.fields(unsized), body: cutStream(body, at: cut))
        }
    }

    /// Every event's data spoiled the same way; bytes after the last complete event are dropped.
    static func corruptEvents(_ how: Fault.Corruption, _ bytes: [UInt8]) -> [UInt8] {
        var parser = ServerSentEventParser()
        return BodyCorruption.apply(how, to: parser.feed(bytes)).flatMap(\.framed)
    }

    // MARK: - Streaming

    /// The body as it arrives, paused once by the stall.
    private func pass(_ body: HTTPClientResponse.Body) -> ResponseBody {
        let stall = stall
        return ResponseBody { writer in
            let started = ContinuousClock.now
            var stalled = stall == nil
            for try await chunk in body {
                if let stall, !stalled, TimeSpan(ContinuousClock.now - started) >= stall.after {
                    stalled = true
                    try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds))
                }
                try await writer.write(chunk)
            }
            if let stall, !stalled { try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds)) }
            try await writer.finish(nil)
        }
    }

    /// What the cut stream waits for: a chunk of the upstream's body, its end, or the cut time.
    private enum Arrival: Sendable {
        case chunk(ByteBuffer)
        case end
        case cutTime
    }

    /// The upstream's chunks and end, and the cut time when the cut is timed, as they happen.
    private static func arrivals(_ body: HTTPClientResponse.Body, cutAt deadline: ContinuousClock.Instant?)
        -> (AsyncThrowingStream<Arrival, any Error>, [Task<Void, Never>]) {
        let (arrivals, feed) = AsyncThrowingStream.makeStream(of: Arrival.self)
        var tasks = [Task {
            do {
                for try await chunk in body { feed.yield(.chunk(chunk)) }
                feed.yield(.end)
            } catch {
                feed.finish(throwing: error)
            }
        }]
        if let deadline {
            tasks.append(Task {
                guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                feed.yield(.cutTime)
            })
        }
        return (arrivals, tasks)
    }

    /// The event stream up to the cut: each event is held until the next one arrives, so the
    /// upstream's last event is never sent; a timed cut happens at its time, whether or not an
    /// event is arriving. Then the stream ends as `ending` says.
    private func cutStream(_ body: HTTPClientResponse.Body, at cut: Fault.StreamCut) -> ResponseBody {
        let stall = stall
        let ending = ending
        let channel = channel
        return ResponseBody { writer in
            let started = ContinuousClock.now
            var deadline: ContinuousClock.Instant?
            if case .afterTime(let after) = cut { deadline = started + .nanoseconds(after.nanoseconds) }
            let (arrivals, tasks) = Self.arrivals(body, cutAt: deadline)
            defer { for task in tasks { task.cancel() } }
            var parser = ServerSentEventParser()
            var held: ServerSentEvent?
            var sent = 0
            var stalled = stall == nil
            var next: ServerSentEvent?
            reading: for try await arrival in arrivals {
                guard case .chunk(let chunk) = arrival else {
                    if case .cutTime = arrival { next = held }
                    break reading
                }
                for event in parser.feed(chunk.readableBytesView) {
                    if let stall, !stalled, TimeSpan(ContinuousClock.now - started) >= stall.after {
                        stalled = true
                        try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds))
                    }
                    if let waiting = held {
                        if case .afterTokens(let count) = cut, sent >= count {
                            next = waiting
                            break reading
                        }
                        try await writer.write(ByteBuffer(bytes: waiting.framed))
                        sent += 1
                    }
                    held = event
                }
            }
            if next == nil { next = held }
            if case .afterTime(let after) = cut {
                let left = after - TimeSpan(ContinuousClock.now - started)
                if left > .zero { try await Task.sleep(for: .nanoseconds(left.nanoseconds)) }
            }
            switch ending {
            case .clean:
                try await writer.finish(nil)
            case .truncated:
                if let frame = next?.framed, !frame.isEmpty {
                    try await writer.write(ByteBuffer(bytes: frame.prefix(max(1, frame.count / 2))))
                }
                try? await channel.close()
                throw CancellationError()
            case .reset:
                await FakeAnswerWriter.reset(channel)
                throw CancellationError()
            }
        }
    }
}
