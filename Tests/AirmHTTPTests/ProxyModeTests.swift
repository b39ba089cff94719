import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import NIOCore
import Testing

/// Proxy mode (docs/app-mode.md "Proxy mode"): a fake that forwards to an upstream, here another
/// fake on 127.0.0.1, applying the faults posted to it on the way.
@Suite struct ProxyModeTests {
    static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":6}"#
    static let streamed = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":6,"stream":true}"#
    static let key = "sk-proxy-secret-1234"
    static let auth = [("authorization", "Bearer \(key)")]

    @Test func aWholeAnswerPassesThroughByteForByte() async throws {
        try await withProxy { proxy, upstream, calls, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(proxied.status == 200)
            #expect(proxied.body == direct.body)
            #expect(proxied.headers["content-type"] == direct.headers["content-type"])
            #expect(proxied.headers["content-length"] == direct.headers["content-length"])
            #expect(proxied.headers["x-request-id"]?.isEmpty == false)
            #expect(await calls.count == 2)
        }
    }

    @Test func aStreamPassesThroughByteForByte() async throws {
        try await withProxy { proxy, upstream, _, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            #expect(proxied.status == 200)
            #expect(proxied.headers["content-type"] == "text/event-stream")
            #expect(proxied.text.hasSuffix("data: [DONE]\n\n"))
            #expect(proxied.body == direct.body)
        }
    }

    @Test func theUpstreamsOwnErrorsPassThrough() async throws {
        try await withProxy { proxy, upstream, _, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", body: Self.chat)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", body: Self.chat)
            #expect(direct.status == 401)
            #expect(proxied.status == 401)
            #expect(proxied.body == direct.body)
        }
    }

    @Test func anInjectedErrorNeverReachesTheUpstream() async throws {
        try await withProxy { proxy, _, calls, http in
            try await post(fault: "{ name: down, target: openai, type: error, status: 503, for: 1m }", port: proxy, http: http)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(proxied.status == 503)
            #expect(proxied.json?["error"] != nil)
            #expect(await calls.count == 0)
            _ = try await raw(http, port: proxy, "/_airm/faults", method: "DELETE")
            let after = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(after.status == 200)
            #expect(await calls.count == 1)
        }
    }

    @Test func corruptSpoilsTheRealBody() async throws {
        try await withProxy { proxy, upstream, calls, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            try await post(fault: "{ name: bad, target: openai, type: corrupt, how: truncate, for: 1m }", port: proxy, http: http)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(proxied.status == 200)
            #expect(proxied.body == BodyCorruption.apply(.truncate, to: direct.body))
            #expect(await calls.count == 2)
        }
    }

    @Test func streamCutCutsTheRealStream() async throws {
        try await withProxy { proxy, upstream, _, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            try await post(fault: "{ name: cut, target: openai, type: stream_cut, after_tokens: 2, ending: clean, for: 1m }",
                           port: proxy, http: http)
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            var parser = ServerSentEventParser()
            let all = parser.feed(direct.body)
            var cutParser = ServerSentEventParser()
            let kept = cutParser.feed(proxied.body)
            #expect(all.count > 3)
            #expect(kept == Array(all.prefix(2)))
            #expect(!proxied.text.contains("[DONE]"))
        }
    }

    @Test func aTimedCutHappensAtItsTimeBetweenSlowEvents() async throws {
        // The upstream sends an event every 2 s; the cut at 300ms must not wait for the next one.
        try await withProxy(upstreamBehavior: FixedLatencyBehavior(tokenInterval: .seconds(2))) { proxy, _, _, http in
            try await post(fault: "{ name: cut, target: openai, type: stream_cut, after: 300ms, ending: clean, for: 1m }",
                           port: proxy, http: http)
            let started = ContinuousClock.now
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            let took = ContinuousClock.now - started
            #expect(took >= .milliseconds(300))
            #expect(took < .milliseconds(1900))
            #expect(!proxied.text.contains("[DONE]"))
        }
    }

    @Test func aResetCutAbortsTheRealStream() async throws {
        try await withProxy { proxy, _, _, http in
            try await post(fault: "{ name: rst, target: openai, type: stream_cut, after_tokens: 1, ending: reset, for: 1m }",
                           port: proxy, http: http)
            await #expect(throws: (any Error).self) {
                _ = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.streamed)
            }
        }
    }

    @Test func stallPausesTheRealAnswer() async throws {
        try await withProxy { proxy, upstream, _, http in
            let direct = try await raw(http, port: upstream, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            try await post(fault: "{ name: slow, target: openai, type: stall, pause: 300ms, for: 1m }", port: proxy, http: http)
            let started = ContinuousClock.now
            let proxied = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(proxied.body == direct.body)
        }
    }

    @Test func keysAreForwardedAndAnUnreachableUpstreamNamesNone() async throws {
        try await withProxy(upstreamURL: "http://127.0.0.1:1") { proxy, _, _, http in
            let proxied = try await raw(http, port: proxy, "/v1beta/models/gemini-2.0-flash:generateContent?key=\(Self.key)",
                                        headers: Self.auth, body: #"{"contents":[{"parts":[{"text":"hi"}]}]}"#)
            #expect(proxied.status == 502)
            #expect(proxied.text.contains("127.0.0.1:1"))
            #expect(!proxied.text.contains(Self.key))
        }
        // The upstream fake refuses calls without a key (401), so a 200 means the key went through.
        try await withProxy { proxy, _, calls, http in
            let withKey = try await raw(http, port: proxy, "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            #expect(withKey.status == 200)
            #expect(await calls.count == 1)
        }
    }

    @Test func anExperimentsFakesForwardToTheirUpstreamOnTheSchedule() async throws {
        let calls = CallCount()
        try await withFakeServer(calls) { upstream, http in
            let plan = try ProviderFakesTests.plan("  - { name: down, target: openai, type: error, status: 500, at: 0s, for: 1m }",
                                                   providers: "  openai: { type: openai, upstream: \"http://127.0.0.1:\(upstream)\" }\n  cohere: { type: cohere, upstream: \"http://127.0.0.1:\(upstream)\" }")
            let fakes = ProviderFakes(plan)
            let endpoints = try await fakes.open()
            await fakes.start(at: .now)
            let port = { (url: String) in Int(url.split(separator: ":").last.map(String.init) ?? "") ?? 0 }
            let failing = try await raw(http, port: port(endpoints[0].url), "/v1/chat/completions", headers: Self.auth, body: Self.chat)
            let cohere = try await raw(http, port: port(endpoints[1].url), "/v2/chat", headers: Self.auth,
                                       body: #"{"model":"command-r","messages":[{"role":"user","content":"hi"}]}"#)
            let log = await fakes.faults.log
            await fakes.close()
            // No simulated latency on a proxy: the default `simulate:` would add a median of 400ms.
            #expect(log.count == 2)
            #expect(log.allSatisfy { $0.endedAt == $0.at })
            #expect(failing.status == 500)
            #expect(cohere.status == 200)
            #expect(await calls.count == 1)
        }
    }

    @Test func upstreamURLsAreCheckedAndJoined() {
        #expect(UpstreamProxy(url: "https://generativelanguage.googleapis.com/", kind: .gemini).url
                == "https://generativelanguage.googleapis.com")
        #expect(ProxyUpstreamURL.isValid("https://generativelanguage.googleapis.com"))
        #expect(ProxyUpstreamURL.isValid("http://127.0.0.1:8080/openai"))
        #expect(!ProxyUpstreamURL.isValid("ftp://example.com"))
        #expect(!ProxyUpstreamURL.isValid("generativelanguage.googleapis.com"))
        #expect(!ProxyUpstreamURL.isValid("https://example.com/?key=1"))
        #expect(ProxyUpstreamURL.isLoopback("http://localhost:9"))
        #expect(!ProxyUpstreamURL.isLoopback("https://api.openai.com"))
    }

    // MARK: - Harness

    /// Counts the calls the upstream fake answers, answering as `behavior` says.
    actor CallCount: FakeBehavior {
        private(set) var count = 0
        let behavior: any FakeBehavior

        init(_ behavior: any FakeBehavior = FixedLatencyBehavior()) {
            self.behavior = behavior
        }

        func decide(provider: String, at: TimeSpan) async -> FakeDecision {
            count += 1
            return await behavior.decide(provider: provider, at: at)
        }
    }

    func post(fault: String, port: Int, http: HTTPClient) async throws {
        let response = try await raw(http, port: port, "/_airm/faults", body: fault)
        #expect(response.status == 201, "\(response.text)")
    }

    /// An upstream fake counting its calls, and a proxy fake of `kind` forwarding to it (or to
    /// `upstreamURL`), each on an ephemeral 127.0.0.1 port.
    func withProxy(kind: Provider.Kind = .openai, upstreamURL: String? = nil,
                   upstreamBehavior: any FakeBehavior = FixedLatencyBehavior(),
                   _ body: @Sendable (_ proxy: Int, _ upstream: Int, _ calls: CallCount, _ http: HTTPClient) async throws -> Void) async throws {
        let calls = CallCount(upstreamBehavior)
        try await withFakeServer(calls) { upstream, http in
            let proxy = FakeProviderServer(upstream: UpstreamProxy(url: upstreamURL ?? "http://127.0.0.1:\(upstream)", kind: kind, http: http))
            let (ports, readiness) = AsyncStream.makeStream(of: Int.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { readiness.finish() }
                    try await proxy.run { port in readiness.yield(port) }
                }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw HarnessError.serverDidNotStart }
                let result: Result<Void, any Error>
                do { result = .success(try await body(port, upstream, calls, http)) } catch { result = .failure(error) }
                group.cancelAll()
                try await group.waitForAll()
                try result.get()
            }
        }
    }
}
