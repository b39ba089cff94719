import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The fake's `/_airm/faults` control endpoint, driven as a user's own test would: a posted
/// fault is an experiment's fault mapping (docs/experiment-format.md "The fake's control API").
@Suite struct FaultControlTests {
    static let bearer = [("authorization", "Bearer k")]

    @Test func postedFaultsApplyUntilDeleted() async throws {
        try await withFakeServer { port, http in
            let openai = client(.openai, port: port, http: http)
            let request = CompletionRequest(prompt: "Hi")
            let steps: [(String, ErrorKind?)] = [
                (#"{"type":"error","status":502,"target":"*"}"#, .serverError),
                (#"{"type":"rate_limit","retry_after":"2s","target":"*"}"#, .rateLimited),
                (#"{"type":"unavailable","target":"*"}"#, .connection),
                (#"{"type":"corrupt","how":"truncate","target":"*"}"#, .corrupt),
                (#"{"type":"latency","delay":"1ms","target":"*"}"#, nil),
                ("type: intermittent\ntarget: openai\nup: 1h\ndown: 1h\nas: error\nstatus: 503\n", .unavailable),
                ("{type: reset, target: \"*\"}", .connection),
                ("type: stall\ntarget: \"*\"\npause: 1ms\n", nil),
            ]
            for (fault, expected) in steps {
                let added = try await raw(http, port: port, "/_airm/faults", body: fault)
                #expect(added.status == 201, "\(fault): \(added.text)")
                let outcome = await openai.complete(request, timeout: .seconds(10))
                #expect(outcome.errorKind == expected, "\(fault)")
                let cleared = try await raw(http, port: port, "/_airm/faults", method: "DELETE")
                #expect(cleared.json?["removed"] == .int(1))
            }
            #expect(await openai.complete(request, timeout: .seconds(10)).text != nil)
        }
    }

    @Test func streamCutAndTimeoutFaults() async throws {
        try await withFakeServer { port, http in
            let cohere = client(.cohere, port: port, http: http)
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"stream_cut","after_tokens":3,"target":"cohere"}"#)
            let cut = await cohere.complete(CompletionRequest(prompt: "Hi", stream: true), timeout: .seconds(10))
            #expect(cut.errorKind == .connection)
            let other = await client(.openai, port: port, http: http).complete(CompletionRequest(prompt: "Hi", stream: true),
                                                                               timeout: .seconds(10))
            #expect(other.text != nil)
            _ = try await raw(http, port: port, "/_airm/faults", method: "DELETE")
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"timeout","for":"1h","target":"*"}"#)
            let hung = await cohere.complete(CompletionRequest(prompt: "Hi"), timeout: .milliseconds(200))
            #expect(hung.errorKind == .timeout)
            let listed = try await raw(http, port: port, "/_airm/faults", method: "GET")
            #expect(listed.json?["active"] == ["timeout"])
        }
    }

    @Test func aStallHoldsTheStreamForItsPause() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"stall","pause":"300ms","target":"*"}"#)
            let outcome = await client(.openai, port: port, http: http).complete(CompletionRequest(prompt: "Hi", stream: true),
                                                                                 timeout: .seconds(10))
            guard case .success(let text, let ttft, _) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(text == ClientAgainstFakeTests.fullAnswer)
            #expect(ttft >= .milliseconds(300))
        }
    }

    // MARK: - Refusals

    static let badFaults = [
        #"{"type":"meteor","target":"*"}"#, #"{"status":500,"target":"*"}"#, #"{"type":"latency","target":"*"}"#,
        #"{"type":"error","probability":"150%","target":"*"}"#, "not json", "", "[1, 2]",
        #"{"type":"corrupt","how":"eaten","target":"*"}"#, #"{"type":"error"}"#,
        #"{"type":"latency","delay":1e300,"target":"*"}"#, #"{"type":"latency","delay":"1e300","target":"*"}"#,
        #"{"type":"timeout","for":"99999999999h","target":"*"}"#, #"{"type":"timeout","at":"99999999999h","target":"*"}"#,
        #"{"type":"rate_limit","retry_after":1e300,"target":"*"}"#, #"{"type":"rate_limit","limit":"1e300/s","target":"*"}"#,
        #"{"type":"error","status":99999,"target":"*"}"#, #"{"type":"error","status":1000,"target":"*"}"#,
        #"{"type":"error","status":-5,"target":"*"}"#, #"{"type":"error","status":5e300,"target":"*"}"#,
        #"{"type":"intermittent","up":"1s","down":"99999999999h","target":"*"}"#,
        #"{"type":"stream_cut","after_tokens":1e300,"target":"*"}"#, #"{"type":"reset","after":"1s","after_tokens":2,"target":"*"}"#,
        #"{"type":"stall","for":"5s","target":"*"}"#, #"{"type":"timeout","at":"other.end","target":"*"}"#,
        #"{"type":"timeout","target":"*","until":"end"}"#, #"{"type":"latency","delay":"1s","jitter":"-1s","target":"*"}"#,
    ]

    @Test func refusesBadFaultsWithLocatedMessages() async throws {
        try await withFakeServer { port, http in
            for body in Self.badFaults {
                let response = try await raw(http, port: port, "/_airm/faults", body: body)
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response.json?["error"]?.string?.hasPrefix("fault:") == true, "\(body): \(response.text)")
            }
            let listed = try await raw(http, port: port, "/_airm/faults", method: "GET")
            #expect(listed.json?["active"] == [])
        }
    }

    @Test func theOldStallSpellingShowsTheNewOne() async {
        let refused = await FaultBoard().post("type: stall\ntarget: \"*\"\nfor: 5s\n", now: .zero)
        guard case .failure(let refusal) = refused else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.message == "fault:3:1: error: a stall's length is `pause`; `for` is the fault's window "
            + "(write `pause: 5s`, and `for:` or `until:` only to end the window)")
    }

    // MARK: - The board

    @Test func postedFaultsReadLikeAnExperimentsFaults() async throws {
        let board = FaultBoard(providers: ["a", "b"])
        let posted = try await board.post(
            #"{"type":"latency","delay":"1m30s","jitter":"250ms","for":"250ms","probability":"50%","target":["a","b"]}"#,
            now: .zero).get()
        #expect(String(describing: posted.kind) == String(describing: LatencyFault(delay: .seconds(90), jitter: .milliseconds(250))))
        #expect(posted.end == .for(.milliseconds(250)))
        #expect(posted.probability == Ratio(fraction: 0.5))
        #expect(posted.target == .providers(["a", "b"]))
        #expect(posted.name == "latency")
    }

    @Test func faultsStartAndExpireFromPostingAndRespectProbability() async throws {
        let board = FaultBoard()
        _ = try await board.post(#"{"type":"error","status":500,"at":"2s","for":"10s","target":"*"}"#, now: .seconds(5)).get()
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(6)).action == .answer)
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(16)).action == .error(status: 500, retryAfter: nil))
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(17)).action == .answer)
        _ = try await board.post(#"{"type":"timeout","probability":0,"target":"*"}"#, now: .zero).get()
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(20)).action == .answer)
    }

    @Test func intermittentAlternatesFromPosting() async throws {
        let board = FaultBoard(providers: ["x"])
        _ = try await board.post("{type: intermittent, target: x, up: 2s, down: 1s, as: timeout}", now: .seconds(10)).get()
        var actions: [FakeDecision.Action] = []
        for second in [10.5, 11.5, 12.5, 13.5] {
            actions.append(await board.apply(to: .answer(), provider: "x", now: .seconds(second)).action)
        }
        #expect(actions == [.hang, .answer, .answer, .hang])
        #expect(await board.apply(to: .answer(), provider: "y", now: .seconds(10.5)).action == .answer)
    }

    @Test func jitterIsTwoSided() async throws {
        let board = FaultBoard()
        _ = try await board.post("{type: latency, target: \"*\", delay: 1s, jitter: 500ms}", now: .zero).get()
        var delays: [TimeSpan] = []
        for _ in 0..<200 { delays.append(await board.apply(to: .answer(), provider: "x", now: .seconds(1)).delay) }
        #expect(delays.allSatisfy { $0 >= .milliseconds(500) && $0 <= .milliseconds(1500) })
        #expect(delays.contains { $0 < .seconds(1) })
        #expect(delays.contains { $0 > .seconds(1) })
    }

    @Test func resetsAreDecidedAsTheEngineSays() async throws {
        let board = FaultBoard(providers: ["a", "b", "c"])
        _ = try await board.post("{type: reset, target: a, delay: 20ms}", now: .zero).get()
        _ = try await board.post("{type: reset, target: b, after_tokens: 2}", now: .zero).get()
        _ = try await board.post("{type: reset, target: c, after: 50ms}", now: .zero).get()
        #expect(await board.apply(to: .answer(), provider: "a", now: .seconds(1)) == FakeDecision(.reset, delay: .milliseconds(20)))
        #expect(await board.apply(to: .answer(), provider: "b", now: .seconds(1)).action == .cut(.afterTokens(2), ending: .reset))
        #expect(await board.apply(to: .answer(), provider: "c", now: .seconds(1)).action == .cut(.afterTime(.milliseconds(50)), ending: .reset))
    }

    // MARK: - Targets

    @Test func aTargetNamingNoKnownProviderIsRefusedAtTheName() async {
        let board = FaultBoard(providers: ["gemini-eu"])
        guard case .failure(let refusal) = await board.post("{type: unavailable, target: [gemini-eu, gemnii]}", now: .zero) else {
            Issue.record("accepted")
            return
        }
        #expect(refusal.message == "fault:1:41: error: unknown provider `gemnii` (did you mean `gemini`?)")
        guard case .failure = await board.post("{type: unavailable, target: cohere-b}", now: .zero) else {
            Issue.record("accepted a name no call came in under")
            return
        }
    }

    @Test func namesKnownByTypeGivenOrCalledUnderAreAccepted() async throws {
        let board = FaultBoard(providers: ["gemini-eu"])
        _ = try await board.post("{type: unavailable, target: [openai, gemini-eu]}", now: .zero).get()
        _ = await board.apply(to: .answer(), provider: "cohere-b", now: .zero)
        _ = try await board.post("{type: unavailable, target: cohere-b}", now: .zero).get()
    }

    @Test func theControlAPIAnswersAnUnknownTargetWith400() async throws {
        try await withFakeServer { port, http in
            let refused = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"error","target":"opneai"}"#)
            #expect(refused.status == 400)
            #expect(refused.json?["error"]?.string == "fault:1:26: error: unknown provider `opneai` (did you mean `openai`?)")
            let listed = try await raw(http, port: port, "/_airm/faults", method: "GET")
            #expect(listed.json?["active"] == [])
        }
    }
}
