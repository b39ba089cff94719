import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The fake's `/_airm/faults` control endpoint, driven as a user's own test would.
@Suite struct FaultControlTests {
    static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":false}"#
    static let bearer = [("authorization", "Bearer k")]

    @Test func postedFaultsApplyUntilDeleted() async throws {
        try await withFakeServer { port, http in
            let openai = client(.openai, port: port, http: http)
            let request = CompletionRequest(prompt: "Hi")
            let steps: [(String, ErrorKind?)] = [
                (#"{"type":"error","status":502}"#, .serverError),
                (#"{"type":"rate_limit","retry_after":"2s"}"#, .rateLimited),
                (#"{"type":"unavailable"}"#, .connection),
                (#"{"type":"corrupt","how":"truncate"}"#, .corrupt),
                (#"{"type":"latency","delay":"1ms"}"#, nil),
            ]
            for (fault, expected) in steps {
                let added = try await raw(http, port: port, "/_airm/faults", body: fault)
                #expect(added.status == 201)
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
            _ = try await raw(http, port: port, "/_airm/faults", body: #"{"type":"timeout","for":"1h"}"#)
            let hung = await cohere.complete(CompletionRequest(prompt: "Hi"), timeout: .milliseconds(200))
            #expect(hung.errorKind == .timeout)
            let listed = try await raw(http, port: port, "/_airm/faults", method: "GET")
            #expect(listed.json?["active"] == ["timeout"])
        }
    }

    @Test func refusesBadFaults() async throws {
        try await withFakeServer { port, http in
            for body in [#"{"type":"meteor"}"#, #"{"status":500}"#, #"{"type":"latency"}"#,
                         #"{"type":"error","probability":"150%"}"#, "not json", #"{"type":"corrupt","how":"eaten"}"#] {
                let response = try await raw(http, port: port, "/_airm/faults", body: body)
                #expect(response.status == 400, "\(body)")
                #expect(response.json?["error"]?.string != nil)
            }
        }
    }

    @Test func parsesDurationsAndRatios() throws {
        let spec = try FaultSpec.parse(JSONValue.parse(
            #"{"type":"latency","delay":"1m30s","jitter":0.25,"for":"250ms","probability":"50%","target":["a","b"]}"#)!).get()
        #expect(spec.kind == .latency(delay: .seconds(90), jitter: .milliseconds(250)))
        #expect(spec.duration == .milliseconds(250))
        #expect(spec.probability == 0.5)
        #expect(spec.targets == ["a", "b"])
    }

    @Test func faultsExpireAndRespectProbability() async {
        let board = FaultBoard()
        let spec = try? FaultSpec.parse(JSONValue.parse(#"{"type":"error","status":500,"for":"10s"}"#)!).get()
        await board.add(spec!, now: .seconds(5))
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(14)).action == .error(status: 500, retryAfter: nil))
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(15)).action == .answer)
        let never = try? FaultSpec.parse(JSONValue.parse(#"{"type":"timeout","probability":0}"#)!).get()
        await board.add(never!, now: .zero)
        #expect(await board.apply(to: .answer(), provider: "x", now: .seconds(20)).action == .answer)
    }
}
