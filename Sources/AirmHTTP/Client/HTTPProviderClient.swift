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
public struct HTTPProviderClient<Wire: WireFormat>: AlterableProviderClient, HTTPEndpoint {
    public let wire: Wire
    /// Scheme, host, port and optional path prefix, without a trailing slash.
    public let baseURL: String
    let http: HTTPClient
    /// Requests already built: a repeated request is not encoded, and its URL not parsed, again.
    private let prepared = PreparedRequests()
    /// Largest body read before giving up on it as `corrupt`.
    let maxBodyBytes = 16 * 1024 * 1024
    /// What the answers of every call in flight may hold together.
    let budget: BodyBudget

    public init(wire: Wire, baseURL: String, http: HTTPClient, budget: BodyBudget = .shared) {
        self.wire = wire
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.budget = budget
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
        let started = NIODeadline.now()
        let limit = TimeAmount.nanoseconds(max(timeout.nanoseconds, 0))
        let reader = AnswerReader(wire: wire, stream: request.stream, started: started, deadline: started + limit,
                                  altering: altering, stall: stall, maxBodyBytes: maxBodyBytes, budget: budget)
        let answer: ReadAnswer
        do {
            // The request's deadline covers the whole exchange, body and stream included.
            let call = http.execute(request: try httpRequest(request), delegate: reader, deadline: started + limit)
            var cut: Scheduled<Void>?
            if case .cut(.afterTime(let after)) = altering, after < timeout {
                cut = call.eventLoop.scheduleTask(deadline: started + .nanoseconds(max(after.nanoseconds, 0))) {
                    reader.cutDue(call, after: after)
                }
            }
            defer { cut?.cancel() }
            answer = try await withTaskCancellationHandler {
                try await call.futureResult.get()
            } onCancel: {
                call.cancel()
            }
        } catch is AnswerReader<Wire>.Ended {
            answer = reader.ended ?? ReadAnswer(result: .failure(WireFailure(.connection, "answer ended early")))
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            return Self.timedOut(timeout)
        } catch {
            answer = ReadAnswer(result: .failure(TransportErrors.classify(error)))
        }
        // A stall not reached while reading holds the complete answer back at its end.
        if let stall, !reader.paused {
            let left = started + limit - NIODeadline.now()
            let gap = TimeAmount.nanoseconds(max(stall.gap.nanoseconds, 0))
            try? await Task.sleep(for: .nanoseconds(min(gap, left).nanoseconds))
            if gap >= left { return Self.timedOut(timeout) }
        }
        var outcome = answer.result
        if case .cut = altering, case .success = outcome {
            outcome = .failure(WireFailure(.connection, "stream cut before its final event (injected)"))
        }
        switch outcome {
        case .success(let answered):
            let ttft = answer.firstToken ?? (NIODeadline.now() - started)
            return .success(text: answered.text, ttft: TimeSpan(nanoseconds: ttft.nanoseconds), tokens: answered.tokens)
        case .failure(let failure):
            return .failure(failure.kind, retryAfter: failure.retryAfter, status: failure.status, message: failure.message)
        }
    }

    private static func timedOut(_ timeout: TimeSpan) -> CompletionOutcome {
        .failure(.timeout, retryAfter: nil, status: nil, message: "no answer within \(timeout)")
    }

    private func httpRequest(_ request: CompletionRequest) throws -> HTTPClient.Request {
        try prepared.request(for: request) {
            let wireRequest = wire.encode(request)
            var headers = HTTPHeaders()
            for (name, value) in wireRequest.headers { headers.add(name: name, value: value) }
            return try HTTPClient.Request(url: baseURL + wireRequest.path, method: .POST, headers: headers,
                                          body: .bytes(wireRequest.body))
        }
    }
}

/// Requests already built, shared by the calls of one client. A run sends the same few prompts
/// over and over, so a call usually reuses its encoded body, parsed URL and headers.
private final class PreparedRequests: Sendable {
    /// Distinct requests kept at most; beyond them, requests are built for each call.
    static let capacity = 256

    private let requests = Mutex<[CompletionRequest: HTTPClient.Request]>([:])

    /// The request built for `request`, built by `make` the first time.
    func request(for request: CompletionRequest, make: () throws -> HTTPClient.Request) throws -> HTTPClient.Request {
        if let known = requests.withLock({ $0[request] }) { return known }
        let built = try make()
        requests.withLock { if $0.count < Self.capacity { $0[request] = built } }
        return built
    }
}

/// A client that calls one HTTP base URL.
public protocol HTTPEndpoint {
    /// Scheme, host, port and optional path prefix, without a trailing slash; never a key.
    var baseURL: String { get }
}
