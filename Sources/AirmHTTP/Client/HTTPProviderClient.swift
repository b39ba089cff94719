import AirmEngine
import AirmSpec
import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// A `ProviderClient` that speaks one `WireFormat` over AsyncHTTPClient.
///
/// The pure wire format does all parsing and classification; this type only moves bytes,
/// enforces the attempt timeout and measures time to first token.
public struct HTTPProviderClient<Wire: WireFormat>: AlterableProviderClient {
    public let wire: Wire
    /// Scheme, host, port and optional path prefix, without a trailing slash.
    public let baseURL: String
    let http: HTTPClient
    /// Largest body read before giving up on it as `corrupt`.
    let maxBodyBytes = 16 * 1024 * 1024

    public init(wire: Wire, baseURL: String, http: HTTPClient) {
        self.wire = wire
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
    }

    // MARK: - ProviderClient

    public func complete(_ request: CompletionRequest, timeout: TimeSpan) async -> CompletionOutcome {
        await complete(request, timeout: timeout, altering: .none, stall: nil)
    }

    // MARK: - AlterableProviderClient

    public func decode(_ response: SynthesizedResponse) -> CompletionOutcome {
        switch wire.decode(status: response.status, headers: response.headerMap, body: response.body) {
        case .success(let answer):
            return .success(text: answer.text, ttft: .zero, tokens: answer.tokens)
        case .failure(let failure):
            return .failure(failure.kind, retryAfter: failure.retryAfter, status: failure.status, message: failure.message)
        }
    }

    public func complete(_ request: CompletionRequest, timeout: TimeSpan, altering: Alteration,
                         stall: FaultEffect.Stall?) async -> CompletionOutcome {
        let started = ContinuousClock.now
        // The attempt runs as one task; an event-loop timer cancels it at the attempt timeout
        // (or at an injected cut), which is far cheaper than a sleeping task per call.
        var cutAfter: TimeSpan?
        if case .cut(.afterTime(let after)) = altering, after < timeout { cutAfter = max(after, .zero) }
        let ending = Ending()
        let eventLoop = http.eventLoopGroup.next()
        let exchanged = await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Timed, Never>) in
                eventLoop.execute {
                    let work = Task { done.resume(returning: await self.exchange(request, started: started, timeout: timeout, altering: altering, stall: stall)) }
                    ending.started(work)
                    let timer = eventLoop.scheduleTask(in: .nanoseconds(max(cutAfter ?? timeout, .zero).nanoseconds)) {
                        ending.set(cutAfter.map { .cut($0) } ?? .timeout)
                    }
                    ending.armed(timer)
                }
            }
        } onCancel: {
            ending.set(.timeout)
        }
        ending.finished()
        let result: Timed
        switch ending.reason {
        case .timeout?:
            return .failure(.timeout, retryAfter: nil, status: nil, message: "no answer within \(timeout)")
        case .cut(let after)?:
            result = Timed(result: .failure(WireFailure(.connection, "stream cut after \(after) (injected)")))
        case nil:
            result = exchanged
        }
        var outcome = result.result
        if case .cut = altering, case .success = outcome {
            outcome = .failure(WireFailure(.connection, "stream cut before its final event (injected)"))
        }
        switch outcome {
        case .success(let answer):
            let ttft = result.firstToken ?? (ContinuousClock.now - started)
            return .success(text: answer.text, ttft: TimeSpan(ttft), tokens: answer.tokens)
        case .failure(let failure):
            return .failure(failure.kind, retryAfter: failure.retryAfter, status: failure.status, message: failure.message)
        }
    }

    // MARK: - Exchange

    /// Why the attempt was stopped before its exchange ended, if it was.
    private final class Ending: Sendable {
        enum Reason { case timeout, cut(TimeSpan) }
        private struct State {
            var reason: Reason?
            var work: Task<Void, Never>?
            var timer: Scheduled<Void>?
            var finished = false
        }
        private let box = Mutex(State())
        var reason: Reason? { box.withLock { $0.reason } }
        func set(_ reason: Reason) {
            let work: Task<Void, Never>? = box.withLock {
                guard $0.reason == nil, !$0.finished else { return nil }
                $0.reason = reason
                return $0.work
            }
            work?.cancel()
        }
        func started(_ work: Task<Void, Never>) {
            let cancel = box.withLock { $0.work = work; return $0.reason != nil }
            if cancel { work.cancel() }
        }
        func armed(_ timer: Scheduled<Void>) {
            let cancel = box.withLock { $0.timer = timer; return $0.finished }
            if cancel { timer.cancel() }
        }
        func finished() {
            let timer = box.withLock { $0.finished = true; return $0.timer }
            timer?.cancel()
        }
    }

    private struct Timed: Sendable {
        var result: WireResult
        var firstToken: Duration?
    }

    private func exchange(_ request: CompletionRequest, started: ContinuousClock.Instant, timeout: TimeSpan,
                          altering: Alteration, stall: FaultEffect.Stall?) async -> Timed {
        let wireRequest = wire.encode(request)
        var httpRequest = HTTPClientRequest(url: baseURL + wireRequest.path)
        httpRequest.method = .POST
        for (name, value) in wireRequest.headers { httpRequest.headers.add(name: name, value: value) }
        httpRequest.body = .bytes(ByteBuffer(bytes: wireRequest.body))
        var pause = Pause(stall: stall, started: started)
        do {
            let response = try await http.execute(httpRequest, timeout: .nanoseconds(max(timeout.nanoseconds, 1)))
            let timed = try await read(response, request: request, started: started, altering: altering, pause: &pause)
            try await pause.atEnd()
            return timed
        } catch {
            return Timed(result: .failure(TransportErrors.classify(error)))
        }
    }

    private func read(_ response: HTTPClientResponse, request: CompletionRequest, started: ContinuousClock.Instant,
                      altering: Alteration, pause: inout Pause) async throws -> Timed {
        let status = Int(response.status.code)
        var headers: WireHeaders = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let success = (200..<300).contains(status)
        if case .corrupt(let how) = altering, success {
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return Timed(result: corrupted(Array(buffer: body), how: how, status: status, headers: headers,
                                           stream: request.stream))
        }
        guard request.stream, success else {
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return Timed(result: wire.decode(status: status, headers: headers, body: Array(buffer: body)))
        }
        var tokenLimit: Int?
        if case .cut(.afterTokens(let count)) = altering { tokenLimit = max(0, count) }
        return try await readStream(response.body, started: started, tokenLimit: tokenLimit, pause: &pause)
    }

    /// A `stall` fault carried out on a real answer: one pause of `gap`, once `after` has passed
    /// since the attempt started, or at the answer's end when it is complete sooner.
    struct Pause {
        let stall: FaultEffect.Stall?
        let started: ContinuousClock.Instant
        private var paused = false

        init(stall: FaultEffect.Stall?, started: ContinuousClock.Instant) {
            self.stall = stall
            self.started = started
        }

        /// Pauses if the stall is due; called before each piece of the answer is used.
        mutating func ifDue() async throws {
            guard let stall, !paused, ContinuousClock.now - started >= .nanoseconds(stall.after.nanoseconds) else { return }
            try await atEnd()
        }

        /// The pause, unless it has happened already.
        mutating func atEnd() async throws {
            guard let stall, !paused else { return }
            paused = true
            try await Task.sleep(for: .nanoseconds(max(stall.gap.nanoseconds, 0)))
        }
    }

    /// A real 2xx answer mutated by a `corrupt` fault, then parsed: the parser must notice.
    private func corrupted(_ body: [UInt8], how: Fault.Corruption, status: Int, headers: WireHeaders,
                           stream: Bool) -> WireResult {
        guard stream else { return wire.decode(status: status, headers: headers, body: BodyCorruption.apply(how, to: body)) }
        var parser = ServerSentEventParser()
        var decoder = wire.makeStreamDecoder()
        for event in BodyCorruption.apply(how, to: parser.feed(body)) {
            if case .failed(let failure) = decoder.consume(event) { return .failure(failure) }
        }
        return decoder.finish()
    }

    /// Reads an event stream; with `tokenLimit`, stops reading after that many text events
    /// (a `stream_cut` fault), which leaves the stream without its final event.
    private func readStream(_ body: HTTPClientResponse.Body, started: ContinuousClock.Instant,
                            tokenLimit: Int?, pause: inout Pause) async throws -> Timed {
        var parser = ServerSentEventParser()
        var decoder = wire.makeStreamDecoder()
        var firstToken: Duration?
        var tokens = 0
        if let tokenLimit, tokenLimit == 0 {
            return Timed(result: .failure(WireFailure(.connection, "stream cut after 0 tokens (injected)")))
        }
        for try await chunk in body {
            try await pause.ifDue()
            for event in parser.feed(chunk.readableBytesView) {
                switch decoder.consume(event) {
                case .text:
                    if firstToken == nil { firstToken = ContinuousClock.now - started }
                    tokens += 1
                    if let tokenLimit, tokens >= tokenLimit {
                        return Timed(result: .failure(WireFailure(.connection, "stream cut after \(tokens) tokens (injected)")),
                                     firstToken: firstToken)
                    }
                case .ignored:
                    break
                case .failed(let failure):
                    return Timed(result: .failure(failure), firstToken: firstToken)
                }
            }
        }
        return Timed(result: decoder.finish(), firstToken: firstToken)
    }
}

extension TimeSpan {
    /// The span of a Swift `Duration`, to the nanosecond.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
