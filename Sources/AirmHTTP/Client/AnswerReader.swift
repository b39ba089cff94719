import AirmEngine
import AirmSpec
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Reads one provider answer as AsyncHTTPClient delivers it, on the connection's event loop.
///
/// A 2xx event stream is parsed as it arrives (time to first token, `stream_cut` after N tokens,
/// a `stall` pause by holding back the next part); any other body is collected and decoded
/// whole. Every method runs on the request's event loop, so the state needs no lock; the
/// caller reads `ended` only after the request's future has completed.
final class AnswerReader<Wire: WireFormat>: HTTPClientResponseDelegate, @unchecked Sendable {
    typealias Response = ReadAnswer

    let wire: Wire
    let stream: Bool
    let started: NIODeadline
    /// When the attempt times out: a stall never holds the answer past it.
    let deadline: NIODeadline
    let corruption: Fault.Corruption?
    let tokenLimit: Int?
    let stall: FaultEffect.Stall?
    let maxBodyBytes: Int
    /// Shared by every call in flight; what this answer holds of it is `reserved`: the capacity of
    /// its buffer, and once its body is being read, `BodyBudget.perConnection`.
    let budget: BodyBudget
    private var reserved = 0

    private var status = 0
    private var headers: WireHeaders = [:]
    private var body: ByteBuffer?
    private var streaming = false
    private var parser = ServerSentEventParser()
    private lazy var decoder = wire.makeStreamDecoder()
    private var firstToken: TimeAmount?
    private var tokens = 0
    private var bytesRead = 0
    private(set) var paused = false
    private var cutDelayed = false
    /// A stall in progress: the part held back, released by its timer or by `end`.
    private var held: (release: EventLoopPromise<Void>, timer: Scheduled<Void>)?
    /// Set when the reader ended the exchange itself (a cut stream, a failed event, a body too
    /// large): the request is then failed with `Ended`, and this is its answer.
    private(set) var ended: ReadAnswer?

    /// The error a reader fails its own request with once `ended` holds the answer.
    struct Ended: Error {}

    init(wire: Wire, stream: Bool, started: NIODeadline, deadline: NIODeadline, altering: Alteration,
         stall: FaultEffect.Stall?, maxBodyBytes: Int, budget: BodyBudget) {
        self.wire = wire
        self.stream = stream
        self.started = started
        self.deadline = deadline
        var corruption: Fault.Corruption?
        var tokenLimit: Int?
        switch altering {
        case .corrupt(let how): corruption = how
        case .cut(.afterTokens(let count)): tokenLimit = max(0, count)
        case .none, .cut(.afterTime): break
        }
        self.corruption = corruption
        self.tokenLimit = tokenLimit
        self.stall = stall
        self.maxBodyBytes = maxBodyBytes
        self.budget = budget
    }

    deinit {
        budget.release(reserved)
    }

    // MARK: - HTTPClientResponseDelegate

    func didReceiveHead(task: HTTPClient.Task<ReadAnswer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        status = Int(head.status.code)
        for header in head.headers { headers[header.name.lowercased()] = header.value }
        streaming = stream && (200..<300).contains(status) && corruption == nil
        if streaming, tokenLimit == 0 {
            end(task, .failure(WireFailure(.connection, "stream cut after 0 tokens (injected)")))
        }
        if !streaming, let length = head.headers.first(name: "content-length").flatMap(Int.init), length >= 0 {
            // A declared length is known at once: too large, or more than the budget has left, ends the
            // answer before any of it is read; one that fits takes its share of the budget and one buffer.
            if length > maxBodyBytes {
                end(task, .failure(WireFailure(.corrupt, "answer larger than \(maxBodyBytes) bytes", status: status)))
            } else if !makeRoom(for: length) {
                end(task, .failure(budgetFull()))
            }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<ReadAnswer>, _ part: ByteBuffer) -> EventLoopFuture<Void> {
        guard ended == nil else { return task.eventLoop.makeSucceededVoidFuture() }
        if let stall, !paused {
            let now = NIODeadline.now()
            if now - started >= .nanoseconds(stall.after.nanoseconds) {
                return hold(part, for: .nanoseconds(max(stall.gap.nanoseconds, 0)), from: now, task: task)
            }
        }
        consume(part, task: task)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    /// Stops reading for `gap`: the connection's backpressure holds the rest of the answer back.
    /// Reaching the deadline first fails the request as timed out, at the deadline.
    private func hold(_ part: ByteBuffer, for gap: TimeAmount, from now: NIODeadline,
                      task: HTTPClient.Task<ReadAnswer>) -> EventLoopFuture<Void> {
        paused = true
        let release = task.eventLoop.makePromise(of: Void.self)
        let timesOut = now + gap >= deadline
        let timer = task.eventLoop.scheduleTask(deadline: min(now + gap, deadline)) {
            self.held = nil
            if timesOut {
                release.fail(HTTPClientError.deadlineExceeded)
            } else {
                self.consume(part, task: task)
                release.succeed()
            }
        }
        held = (release, timer)
        return release.futureResult
    }

    func didFinishRequest(task: HTTPClient.Task<ReadAnswer>) throws -> ReadAnswer {
        if let ended { return ended }
        if streaming { return ReadAnswer(result: decoder.finish(), firstToken: firstToken) }
        let bytes = body.map { Array(buffer: $0) } ?? []
        drop()
        guard let corruption, (200..<300).contains(status) else {
            return ReadAnswer(result: wire.decode(status: status, headers: headers, body: bytes))
        }
        return ReadAnswer(result: corrupted(bytes, how: corruption))
    }

    // MARK: - Reading

    private func consume(_ part: ByteBuffer, task: HTTPClient.Task<ReadAnswer>) {
        guard ended == nil else { return }
        bytesRead += part.readableBytes
        if streaming, bytesRead > maxBodyBytes {
            end(task, .failure(WireFailure(.corrupt, "stream larger than \(maxBodyBytes) bytes")))
            return
        }
        guard streaming else {
            if bytesRead > maxBodyBytes {
                end(task, .failure(WireFailure(.corrupt, "answer larger than \(maxBodyBytes) bytes")))
                return
            }
            guard makeRoom(for: bytesRead) else {
                end(task, .failure(budgetFull()))
                return
            }
            var part = part
            body!.writeBuffer(&part)
            return
        }
        for event in parser.feed(part.readableBytesView) {
            switch decoder.consume(event) {
            case .text:
                if firstToken == nil { firstToken = NIODeadline.now() - started }
                tokens += 1
                if let tokenLimit, tokens >= tokenLimit {
                    end(task, .failure(WireFailure(.connection, "stream cut after \(tokens) tokens (injected)")))
                    return
                }
            case .ignored:
                break
            case .failed(let failure):
                end(task, .failure(failure))
                return
            }
        }
    }

    /// Grows the body's buffer to hold `count` bytes, taking what it costs from the budget first:
    /// the connection's share once, then each larger buffer's capacity (a power of two, as
    /// `ByteBuffer` allocates). `false`, holding nothing, when the budget cannot give it.
    private func makeRoom(for count: Int) -> Bool {
        let capacity = body?.capacity ?? 0
        guard count > capacity || reserved == 0 else { return true }
        let target = count > capacity ? Self.allocated(count) : capacity
        let cost = target - capacity + (reserved == 0 ? BodyBudget.perConnection : 0)
        guard budget.reserve(cost) else {
            drop()
            return false
        }
        reserved += cost
        if body == nil {
            body = ByteBufferAllocator().buffer(capacity: target)
        } else if target > capacity {
            body!.reserveCapacity(target)
        }
        return true
    }

    /// What `ByteBuffer` allocates for `count` bytes: the next power of two.
    static func allocated(_ count: Int) -> Int {
        count <= 1 ? count : 1 << (Int.bitWidth - (count - 1).leadingZeroBitCount)
    }

    /// Lets go of the body and gives its share of the budget back.
    private func drop() {
        body = nil
        budget.release(reserved)
        reserved = 0
    }

    private func budgetFull() -> WireFailure {
        WireFailure(.corrupt, "answer dropped after \(bytesRead) bytes: answers in flight already hold the "
                    + "\(budget.limit)-byte body budget", status: status)
    }

    /// A real 2xx answer mutated by a `corrupt` fault, then parsed: the parser must notice.
    private func corrupted(_ bytes: [UInt8], how: Fault.Corruption) -> WireResult {
        guard stream else { return wire.decode(status: status, headers: headers, body: BodyCorruption.apply(how, to: bytes)) }
        var parser = ServerSentEventParser()
        var decoder = wire.makeStreamDecoder()
        for event in BodyCorruption.apply(how, to: parser.feed(bytes)) {
            if case .failed(let failure) = decoder.consume(event) { return .failure(failure) }
        }
        return decoder.finish()
    }

    /// A `stream_cut` after a time is due. A stall earlier in the answer delayed everything after
    /// it, the cut included, as in simulation.
    func cutDue(_ task: HTTPClient.Task<ReadAnswer>, after: TimeSpan) {
        if let stall, paused, !cutDelayed {
            cutDelayed = true
            task.eventLoop.scheduleTask(in: .nanoseconds(max(stall.gap.nanoseconds, 0))) { self.cutDue(task, after: after) }
            return
        }
        end(task, .failure(WireFailure(.connection, "stream cut after \(after) (injected)")))
    }

    /// Ends the exchange with `result`, closing the connection if the answer is still coming.
    func end(_ task: HTTPClient.Task<ReadAnswer>, _ result: WireResult) {
        guard ended == nil else { return }
        ended = ReadAnswer(result: result, firstToken: firstToken)
        drop()
        task.fail(reason: Ended())
        if let held {
            // A held part would keep the request open until its timer: let it go now.
            self.held = nil
            held.timer.cancel()
            held.release.succeed()
        }
    }
}

/// One answer as read: its result, and for streams the time to the first token.
struct ReadAnswer: Sendable {
    var result: WireResult
    var firstToken: TimeAmount?
}
