import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import NIOCore

/// Runs a fake server on an ephemeral 127.0.0.1 port and an HTTP client for the duration of `body`,
/// then shuts both down. Readiness is awaited through the server's `onReady`, never by sleeping.
func withFakeServer<T: Sendable>(
    _ behavior: any FakeBehavior = FixedLatencyBehavior(),
    _ body: @Sendable (_ port: Int, _ http: HTTPClient) async throws -> T
) async throws -> T {
    let server = FakeProviderServer(behavior: behavior)
    let http = ProviderClients.makeHTTPClient()
    let (ports, readiness) = AsyncStream.makeStream(of: Int.self)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { readiness.finish() }
            try await server.run { port in readiness.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await http.shutdown()
            try await group.waitForAll()
            throw HarnessError.serverDidNotStart
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port, http))
        } catch {
            result = .failure(error)
        }
        try await http.shutdown()
        group.cancelAll()
        try await group.waitForAll()
        return try result.get()
    }
}

enum HarnessError: Error { case serverDidNotStart }

/// A raw exchange with the fake: status, lower-cased headers and the exact body bytes.
struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSONValue? { JSONValue.parse(body) }
}

/// Sends one request with AsyncHTTPClient directly, bypassing every airm client.
func raw(_ http: HTTPClient, port: Int, _ path: String, method: String = "POST",
         headers: [(String, String)] = [], body: String? = nil) async throws -> RawResponse {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await http.execute(request, timeout: .seconds(10))
    var map: [String: String] = [:]
    for header in response.headers { map[header.name.lowercased()] = header.value }
    let bytes = try await response.body.collect(upTo: 1 << 22)
    return RawResponse(status: Int(response.status.code), headers: map, body: Array(buffer: bytes))
}

/// A configured provider of `kind` pointed at the fake.
func provider(_ kind: Provider.Kind, port: Int, key: String? = "test-key", prefix: String = "") -> Provider {
    let location = SourceLocation(file: "<test>", line: 1, column: 1)
    return Provider(name: kind.rawValue, kind: kind,
                    endpoint: Interpolated(value: "http://127.0.0.1:\(port)\(prefix)", location: location),
                    apiKey: key.map { Interpolated(value: $0, location: location) })
}

/// The live client for `kind` against the fake.
func client(_ kind: Provider.Kind, port: Int, http: HTTPClient, key: String? = "test-key") -> any ProviderClient {
    guard let client = ProviderClients.make(for: provider(kind, port: port, key: key), http: http) else {
        preconditionFailure("no client for \(kind)")
    }
    return client
}

let liveKinds: [Provider.Kind] = [.gemini, .cohere, .huggingface, .openai]
