import AirmSpec
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AirmServe

/// Token, bind address, body limit, the `/ai` rate limit and CORS.
@Suite struct SecurityTests {
    static let token = "s3cret-token"

    @Test func everyStateChangingRouteNeedsTheToken() async throws {
        let server = ServeHarness.server(try ServeHarness.gateway(), options: ServeOptions(port: 0, token: Self.token))
        let posts = server.routeTable.filter { $0.method == "POST" }.map { $0.path.replacingOccurrences(of: "{provider}", with: "primary") }
        #expect(posts.count == 9)
        let app = server.makeApplication()
        try await app.test(.router) { client in
            for path in posts {
                for header in [nil, "Bearer wrong", "Bearer s3cret-toke", "Bearer s3cret-tokenx", "s3cret-token", "Basic s3cret-token"] {
                    let headers: HTTPFields = header.map { [.authorization: $0] } ?? [:]
                    try await client.execute(uri: path, method: .post, headers: headers, body: ServeHarness.json("{}")) { response in
                        #expect(response.status == .unauthorized, "\(path) with \(header ?? "no header")")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer")
                        let code = ServeHarness.errorCode(response)
                        #expect(code == "unauthorized")
                    }
                }
                try await client.execute(uri: path, method: .post, headers: [.authorization: "Bearer \(Self.token)"],
                                         body: ServeHarness.json("{}")) { response in
                    #expect(response.status != .unauthorized, "\(path) with the token")
                }
            }
            // Reading needs no token.
            for path in ["/test", "/chaos", "/circuit-breaker/status", "/automation", "/openapi.yaml"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .ok, "\(path)") }
            }
        }
    }

    @Test func tokensAreComparedWholeAndOnlyWhole() {
        let token = Array("abc".utf8)
        #expect(TokenMiddleware.equal(token, token))
        for other in ["", "ab", "abd", "abcd", "xbc", "ABC"] {
            #expect(!TokenMiddleware.equal(Array(other.utf8), token), "\(other)")
        }
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.4", "example.com", "127.0.0.1.example.com", "128.0.0.1"])
    func aNonLoopbackBindWithoutATokenIsRefused(_ host: String) {
        #expect(ServeOptions(host: host).refusal?.contains("AIRM_TOKEN") == true)
        #expect(ServeOptions(host: host, token: "").refusal != nil)
        #expect(ServeOptions(host: host, token: "t").refusal == nil)
    }

    @Test(arguments: ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
    func loopbackNeedsNoToken(_ host: String) {
        #expect(ServeOptions(host: host).refusal == nil)
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let app = ServeHarness.application(try ServeHarness.gateway(), options: ServeOptions(port: 0, bodyLimit: 64))
        try await app.test(.live) { client in
            let big = #"{"prompt": ""# + String(repeating: "x", count: 100) + #""}"#
            for path in ["/ai", "/chaos/inject", "/automation/start", "/circuit-breaker/reset"] {
                try await client.execute(uri: path, method: .post, body: ServeHarness.json(big)) { response in
                    #expect(response.status == .contentTooLarge, "\(path)")
                    let code = ServeHarness.errorCode(response)
                    #expect(code == "too_large")
                }
            }
            try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "small"}"#)) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func aiCallsAreRateLimitedPerClientWithRetryAfter() async throws {
        // Two calls a minute: the third within the minute waits for the next token, about 30 s.
        let options = ServeOptions(port: 0, aiRateLimit: Rate(count: 2, per: .seconds(60)))
        let app = ServeHarness.application(try ServeHarness.gateway(), options: options)
        try await app.test(.live) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "hi"}"#)) { response in
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        #expect((25...30).contains(Int(response.headers[.retryAfter] ?? "") ?? 0))
                        let code = ServeHarness.errorCode(response)
                        #expect(code == "rate_limited")
                    }
                }
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            // Other routes are not limited.
            try await client.execute(uri: "/test", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func corsIsOffUnlessAnOriginIsGiven() async throws {
        let origin = "https://dash.example"
        let headers: HTTPFields = [.origin: origin, .accessControlRequestMethod: "POST"]
        try await ServeHarness.application(try ServeHarness.gateway()).test(.router) { client in
            try await client.execute(uri: "/test", method: .get, headers: headers) {
                #expect($0.headers[.accessControlAllowOrigin] == nil)
            }
        }
        let allowed = ServeHarness.application(try ServeHarness.gateway(), options: ServeOptions(port: 0, corsOrigin: origin))
        try await allowed.test(.router) { client in
            try await client.execute(uri: "/ai", method: .options, headers: headers) {
                #expect($0.headers[.accessControlAllowOrigin] == origin)
            }
            try await client.execute(uri: "/test", method: .get, headers: headers) {
                #expect($0.headers[.accessControlAllowOrigin] == origin)
            }
        }
    }
}
