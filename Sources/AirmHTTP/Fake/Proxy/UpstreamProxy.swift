import AirmSpec
import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// The real API a provider's fake forwards to in proxy mode (docs/app-mode.md "Proxy mode").
///
/// Each request is sent on as it came (method, path, query, body, headers including the key),
/// minus the hop-by-hop headers and `accept-encoding` (so that faults see plain bodies), to
/// `url` joined with the request's path. The answer comes back with its status, headers and
/// body, altered as the call's `Alteration` says (`ProxyRelay`). Nothing of the request is
/// logged, and an unreachable upstream answers 502 naming only `url`.
public struct UpstreamProxy: Sendable {
    /// The upstream's base URL: scheme, host, port and an optional path prefix.
    public let url: String
    /// The provider type whose native errors injected faults answer with.
    public let kind: Provider.Kind
    let http: HTTPClient
    /// The longest an exchange with the upstream may take, body included.
    public var timeout: TimeSpan = .seconds(600)

    public init(url: String, kind: Provider.Kind, http: HTTPClient = .shared) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.kind = kind
        self.http = http
    }

    /// Headers that belong to one connection, not to the exchange.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "host", "content-length",
    ]

    /// The upstream address of a request for `path` (with its query, as received).
    func target(_ path: String) -> String {
        url + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Forwards `request` with `body`; the answer as `relay` alters it.
    func forward(_ request: Request, body: ByteBuffer, relay: ProxyRelay) async throws -> Response {
        var outgoing = HTTPClientRequest(url: target(request.uri.description))
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers {
            let name = field.name.canonicalName
            guard !Self.hopByHop.contains(name), name != "accept-encoding" else { continue }
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        if body.readableBytes > 0 || request.method != .get { outgoing.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(outgoing, timeout: .nanoseconds(timeout.nanoseconds))
        } catch {
            return FakeResponder.synthesized(NativeErrors.response(
                kind, status: 502, message: "airm proxy: the upstream \(url) could not be reached"))
        }
        var headers: [(String, String)] = []
        for header in response.headers where !Self.hopByHop.contains(header.name.lowercased()) || header.name.lowercased() == "content-length" {
            headers.append((header.name.lowercased(), header.value))
        }
        return try await relay.relay(status: Int(response.status.code), headers: headers, body: response.body)
    }
}
