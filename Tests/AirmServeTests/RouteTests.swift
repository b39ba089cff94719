import AirmServe
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route, in process (`.router`) and over a real socket on 127.0.0.1 (`.live`).
@Suite struct RouteTests {
    enum Transport: String, CaseIterable, Sendable { case router, live }

    static func setup(_ transport: Transport) -> TestingSetup { transport == .router ? .router : .live }

    @Test(arguments: Transport.allCases)
    func callsAreAnsweredThroughThePolicy(_ transport: Transport) async throws {
        let app = ServeHarness.application(try ServeHarness.gateway())
        try await app.test(Self.setup(transport)) { client in
            try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "hi"}"#)) { response in
                #expect(response.status == .ok)
                let answer = ServeHarness.object(response)
                #expect(answer["outcome"] as? String == "ok" && answer["provider"] as? String == "primary")
                #expect(answer["answer"] as? String == "Simulated answer from primary.")
                #expect(answer["attempts"] as? Int == 1 && answer["id"] as? Int == 1)
            }
            try await client.execute(uri: "/ai/backup", method: .post, body: ServeHarness.json(#"{"prompt": "hi", "max_tokens": 8}"#)) { response in
                let answer = ServeHarness.object(response)
                #expect(answer["outcome"] as? String == "ok" && answer["provider"] as? String == "backup")
            }
            try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "hi", "stream": true}"#)) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("event: answer\ndata: {") && text.hasSuffix("event: done\ndata: {}\n\n"))
            }
            try await client.execute(uri: "/test", method: .get) { response in
                let health = ServeHarness.object(response)
                #expect(health["status"] as? String == "ok")
                let providers = try #require(health["providers"] as? [[String: Any]])
                #expect(providers.map { $0["name"] as? String } == ["primary", "backup"])
                #expect(providers.allSatisfy { $0["breaker"] as? String == "closed" && $0["simulated"] as? Bool == true })
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0\n"))
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func chaosOpensTheBreakerAndIsStopped(_ transport: Transport) async throws {
        let app = ServeHarness.application(try ServeHarness.gateway(ServeHarness.config(openFor: "1m")))
        try await app.test(Self.setup(transport)) { client in
            let fault = #"{"name": "down", "type": "unavailable", "target": "primary", "for": "1m"}"#
            try await client.execute(uri: "/chaos/inject", method: .post, body: ServeHarness.json(fault)) { response in
                #expect(response.status == .created)
                let added = ServeHarness.object(response)
                #expect(added["name"] as? String == "down" && added["active"] as? Bool == true && added["origin"] as? String == "injected")
            }
            try await client.execute(uri: "/chaos", method: .get) { response in
                let faults = try #require(ServeHarness.object(response)["faults"] as? [[String: Any]])
                #expect(faults.map { $0["name"] as? String } == ["down"])
                #expect((faults[0]["remaining_ms"] as? Double ?? 0) > 50_000)
            }
            for _ in 0..<2 {
                try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "hi"}"#)) { response in
                    let answer = ServeHarness.object(response)
                    #expect(answer["outcome"] as? String == "fallback" && answer["fault"] as? String == "down")
                }
            }
            try await client.execute(uri: "/circuit-breaker/status", method: .get) { response in
                let breakers = try #require(ServeHarness.object(response)["breakers"] as? [[String: Any]])
                #expect(breakers.map { $0["state"] as? String } == ["open", "closed"])
                #expect((breakers[0]["open_remaining_ms"] as? Double ?? 0) > 50_000)
            }
            try await client.execute(uri: "/test", method: .get) { response in
                let providers = try #require(ServeHarness.object(response)["providers"] as? [[String: Any]])
                let last = try #require(providers[0]["last_error"] as? [String: Any])
                #expect(last["kind"] as? String == "unavailable")
            }
            try await client.execute(uri: "/chaos/stop", method: .post, body: ServeHarness.json(#"{"name": "down"}"#)) { response in
                let stopped = try #require(ServeHarness.object(response)["stopped"] as? [[String: Any]])
                #expect(stopped.map { $0["name"] as? String } == ["down"])
            }
            try await client.execute(uri: "/chaos/stop?name=down", method: .post) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/chaos", method: .get) { response in
                #expect((ServeHarness.object(response)["faults"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func breakersAreResetForcedOpenAndDisabled(_ transport: Transport) async throws {
        let app = ServeHarness.application(try ServeHarness.gateway())
        @Sendable func states(_ response: TestResponse) -> [String?] {
            (ServeHarness.object(response)["breakers"] as? [[String: Any]] ?? []).map { $0["state"] as? String }
        }
        try await app.test(Self.setup(transport)) { client in
            try await client.execute(uri: "/circuit-breaker/force-open", method: .post, body: ServeHarness.json(#"{"provider": "backup"}"#)) {
                #expect(states($0) == ["closed", "forced_open"])
            }
            try await client.execute(uri: "/circuit-breaker/force-open?provider=primary", method: .post) {
                #expect(states($0) == ["forced_open", "forced_open"])
            }
            try await client.execute(uri: "/ai", method: .post, body: ServeHarness.json(#"{"prompt": "hi"}"#)) { response in
                let answer = ServeHarness.object(response)
                #expect(answer["outcome"] as? String == "degraded" && answer["answer"] as? String == "later")
            }
            try await client.execute(uri: "/test", method: .get) { #expect(ServeHarness.object($0)["status"] as? String == "degraded") }
            try await client.execute(uri: "/circuit-breaker/reset?provider=primary", method: .post) {
                #expect(states($0) == ["closed", "forced_open"])
            }
            try await client.execute(uri: "/circuit-breaker/disable", method: .post) {
                #expect(states($0) == ["disabled", "disabled"])
            }
            try await client.execute(uri: "/circuit-breaker/reset", method: .post, body: ServeHarness.json("{}")) {
                #expect(states($0) == ["closed", "closed"])
            }
            try await client.execute(uri: "/circuit-breaker/status", method: .get) { #expect(states($0) == ["closed", "closed"]) }
            try await client.execute(uri: "/circuit-breaker/reset?provider=nope", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/circuit-breaker/reset?provider=primary", method: .post,
                                     body: ServeHarness.json(#"{"provider": "backup"}"#)) { #expect($0.status == .conflict) }
        }
    }

    @Test(arguments: Transport.allCases)
    func automationStartsAndStops(_ transport: Transport) async throws {
        let app = ServeHarness.application(try ServeHarness.gateway())
        try await app.test(Self.setup(transport)) { client in
            try await client.execute(uri: "/automation", method: .get) { response in
                #expect(String(buffer: response.body) == "{\"automation\":null}\n")
            }
            try await client.execute(uri: "/automation/start", method: .post, body: ServeHarness.json("rate: 0.5/s\nname: clicks\n")) { response in
                #expect(response.status == .created)
                let running = try #require(ServeHarness.object(response)["automation"] as? [String: Any])
                #expect(running["name"] as? String == "clicks" && running["rate"] as? String == "0.5/s")
            }
            try await client.execute(uri: "/automation", method: .get) { response in
                #expect((ServeHarness.object(response)["automation"] as? [String: Any])?["name"] as? String == "clicks")
            }
            try await client.execute(uri: "/automation/stop", method: .post) { response in
                #expect((ServeHarness.object(response)["automation"] as? [String: Any])?["name"] as? String == "clicks")
            }
            try await client.execute(uri: "/automation/start", method: .post, body: ServeHarness.json(#"{"users": 2}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test(arguments: Transport.allCases)
    func mistakesAreJSONErrors(_ transport: Transport) async throws {
        let app = ServeHarness.application(try ServeHarness.gateway())
        try await app.test(Self.setup(transport)) { client in
            let cases: [(String, HTTPRequest.Method, String?, HTTPResponse.Status, String)] = [
                ("/nope", .get, nil, .notFound, "not_found"),
                ("/ai", .delete, nil, .methodNotAllowed, "method_not_allowed"),
                ("/ai", .post, "{}", .badRequest, "bad_request"),
                ("/ai", .post, "[1]", .badRequest, "bad_request"),
                ("/ai", .post, "not json", .badRequest, "bad_request"),
                ("/ai", .post, #"{"prompt": null}"#, .badRequest, "bad_request"),
                ("/ai", .post, #"{"prompt": "x", "extra": 1}"#, .badRequest, "bad_request"),
                ("/ai", .post, #"{"prompt": "x", "max_tokens": 0}"#, .badRequest, "bad_request"),
                ("/ai?x=1", .post, #"{"prompt": "x"}"#, .badRequest, "bad_request"),
                ("/ai/nope", .post, #"{"prompt": "x"}"#, .notFound, "not_found"),
                ("/ai/backup", .post, #"{"prompt": "x", "provider": "backup"}"#, .badRequest, "bad_request"),
                ("/chaos/inject", .post, "", .badRequest, "bad_request"),
                ("/chaos/inject", .post, #"{"type": "unavailable", "target": "nope", "for": "1s"}"#, .notFound, "not_found"),
                ("/chaos/inject", .post, #"{"type": "unavailable", "target": "primary"}"#, .unprocessableContent, "invalid"),
                ("/test?verbose=1", .get, nil, .badRequest, "bad_request"),
            ]
            for (uri, method, body, status, code) in cases {
                try await client.execute(uri: uri, method: method, body: body.map(ServeHarness.json)) { response in
                    #expect(response.status == status, "\(method) \(uri)")
                    let answered = ServeHarness.errorCode(response)
                    #expect(answered == code, "\(method) \(uri)")
                    if status == .methodNotAllowed { #expect(response.headers[.allow] == "POST") }
                }
            }
            try await client.execute(uri: "/chaos/inject", method: .post, body: ServeHarness.json("type: bogus\ntarget: primary\nfor: 1s\n")) { response in
                let error = try #require(ServeHarness.object(response)["error"] as? [String: Any])
                let located = try #require(error["diagnostics"] as? [[String: Any]])
                #expect(located.first?["line"] as? Int == 1 && located.first?["column"] as? Int == 7)
                #expect((located.first?["message"] as? String)?.contains("unknown fault type `bogus`") == true)
            }
        }
    }
}
