import AirmSpec

/// One provider's wire format: how a completion becomes an HTTP request, and how the bytes
/// that come back become an answer or a classified failure.
///
/// An implementation must be pure (no I/O, no clock), so every parse and classification is
/// testable from bytes alone. `decode` covers non-streamed bodies and error bodies of any
/// status; `makeStreamDecoder` covers a 2xx event stream.
public protocol WireFormat: Sendable {
    associatedtype Decoder: StreamDecoder

    /// The HTTP request for `request`; its `path` is appended to the provider's base URL.
    func encode(_ request: CompletionRequest) -> WireRequest
    /// The answer in a complete body, or the failure it describes.
    func decode(status: Int, headers: WireHeaders, body: [UInt8]) -> WireResult
    func makeStreamDecoder() -> Decoder
}

/// Consumes the events of one 2xx event stream.
///
/// An implementation returns `.text` for each generated chunk, `.failed` as soon as an event
/// shows the answer is unusable (bad JSON, a safety block, an in-stream error), and decides in
/// `finish` whether the provider's final event arrived (if not: `connection`).
public protocol StreamDecoder: Sendable {
    mutating func consume(_ event: ServerSentEvent) -> StreamStep
    /// Called when the stream ends; the answer, or why there is none.
    func finish() -> WireResult
}

/// What one stream event meant.
public enum StreamStep: Sendable, Equatable {
    case text(String)
    case ignored
    case failed(WireFailure)
}

/// An answer or a classified failure, before timing is attached.
public typealias WireResult = Result<ParsedAnswer, WireFailure>

/// A classified failure read from the wire.
public struct WireFailure: Error, Sendable, Equatable {
    public var kind: ErrorKind
    public var retryAfter: TimeSpan?
    public var status: Int?
    public var message: String

    public init(_ kind: ErrorKind, _ message: String, status: Int? = nil, retryAfter: TimeSpan? = nil) {
        self.kind = kind
        self.retryAfter = retryAfter
        self.status = status
        self.message = message
    }
}

/// Response headers with lower-cased names.
public typealias WireHeaders = [String: String]

/// An HTTP request ready to send: always a JSON `POST`.
public struct WireRequest: Sendable, Equatable {
    /// Path and query, appended to the base URL: `/v2/chat`.
    public var path: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(path: String, headers: [(String, String)], body: JSONValue) {
        self.path = path
        self.headers = headers + [("content-type", "application/json")]
        self.body = body.bytes
    }

    public static func == (lhs: WireRequest, rhs: WireRequest) -> Bool {
        lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0): \($0.1)" } == rhs.headers.map { "\($0.0): \($0.1)" }
    }
}

// MARK: - Whole bodies, streamed or not

extension WireFormat {
    /// Decodes a complete exchange from bytes: a plain body, or with `stream` a whole event
    /// stream run through the stream decoder. The pure core of every client call.
    public func decode(status: Int, headers: WireHeaders, body: [UInt8], stream: Bool) -> WireResult {
        guard stream, (200..<300).contains(status) else {
            return decode(status: status, headers: headers, body: body)
        }
        var parser = ServerSentEventParser()
        var decoder = makeStreamDecoder()
        for event in parser.feed(body) {
            if case .failed(let failure) = decoder.consume(event) { return .failure(failure) }
        }
        return decoder.finish()
    }
}
