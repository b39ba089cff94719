import AirmEngine
import AirmSpec
import AsyncHTTPClient
import NIOCore

/// Sends one unit of traffic to the app as `app.request` says, and judges the answer by
/// `ok_when` (docs/app-mode.md "Traffic to the app").
public struct AppClient: Sendable {
    public let request: AppUnderTest.Request
    let http: HTTPClient

    public init(request: AppUnderTest.Request, http: HTTPClient) {
        self.request = request
        self.http = http
    }

    /// How one request to the app ended.
    public struct Answer: Sendable {
        public var result: AttemptResult
        /// The HTTP status, when the app answered.
        public var status: Int?
        public var message: String
    }

    /// One request, ending within `limit`: a status `ok_when` accepts is a success; another
    /// status fails with its kind (`server_error` for 5xx, …); no answer in time is `timeout`.
    public func send(limit: TimeSpan) async -> Answer {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method == .post ? .POST : .GET
        if let json = request.json {
            outgoing.headers.add(name: "content-type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(string: json))
        }
        for header in request.headers { outgoing.headers.replaceOrAdd(name: header.name, value: header.value) }
        let deadline = NIODeadline.now() + .nanoseconds(max(limit.nanoseconds, 1))
        do {
            let response = try await http.execute(outgoing, deadline: deadline)
            _ = try await response.body.collect(upTo: 16 << 20)
            let status = Int(response.status.code)
            if request.isOK(status) { return Answer(result: .success(slow: false), status: status, message: "") }
            return Answer(result: .failure(ErrorKind.forStatus(status) ?? .badRequest), status: status,
                          message: "the app answered \(status)")
        } catch {
            let failure = TransportErrors.classify(error)
            return Answer(result: .failure(failure.kind), status: nil, message: failure.message)
        }
    }
}
