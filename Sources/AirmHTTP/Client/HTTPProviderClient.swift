import AirmSpec
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A `ProviderClient` that speaks one `WireFormat` over AsyncHTTPClient.
///
/// The pure wire format does all parsing and classification; this type only moves bytes,
/// enforces the attempt timeout and measures time to first token.
public struct HTTPProviderClient<Wire: WireFormat>: ProviderClient {
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
        let started = ContinuousClock.now
        let limit = Duration.nanoseconds(max(timeout.nanoseconds, 0))
        let result = await withTaskGroup(of: Timed?.self) { group in
            group.addTask { await self.exchange(request, started: started, timeout: timeout) }
            group.addTask {
                try? await Task.sleep(until: started + limit, clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let result else {
            return .failure(.timeout, retryAfter: nil, status: nil, message: "no answer within \(timeout)")
        }
        switch result.result {
        case .success(let answer):
            let ttft = result.firstToken ?? (ContinuousClock.now - started)
            return .success(text: answer.text, ttft: TimeSpan(ttft), tokens: answer.tokens)
        case .failure(let failure):
            return .failure(failure.kind, retryAfter: failure.retryAfter, status: failure.status, message: failure.message)
        }
    }

    // MARK: - Exchange

    private struct Timed: Sendable {
        var result: WireResult
        var firstToken: Duration?
    }

    private func exchange(_ request: CompletionRequest, started: ContinuousClock.Instant, timeout: TimeSpan) async -> Timed {
        let wireRequest = wire.encode(request)
        var httpRequest = HTTPClientRequest(url: baseURL + wireRequest.path)
        httpRequest.method = .POST
        for (name, value) in wireRequest.headers { httpRequest.headers.add(name: name, value: value) }
        httpRequest.body = .bytes(ByteBuffer(bytes: wireRequest.body))
        do {
            let response = try await http.execute(httpRequest, timeout: .nanoseconds(max(timeout.nanoseconds, 1)))
            let status = Int(response.status.code)
            var headers: WireHeaders = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            guard request.stream, (200..<300).contains(status) else {
                let body = try await response.body.collect(upTo: maxBodyBytes)
                return Timed(result: wire.decode(status: status, headers: headers, body: Array(buffer: body)))
            }
            return try await readStream(response.body, started: started)
        } catch {
            return Timed(result: .failure(TransportErrors.classify(error)))
        }
    }

    private func readStream(_ body: HTTPClientResponse.Body, started: ContinuousClock.Instant) async throws -> Timed {
        var parser = ServerSentEventParser()
        var decoder = wire.makeStreamDecoder()
        var firstToken: Duration?
        for try await chunk in body {
            for event in parser.feed(chunk.readableBytesView) {
                switch decoder.consume(event) {
                case .text:
                    if firstToken == nil { firstToken = ContinuousClock.now - started }
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
