import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The fake's wire format, checked with raw requests and byte-level expectations,
/// independently of airm's own clients.
@Suite struct FakeWireFormatTests {
    static let bearer = [("authorization", "Bearer k")]

    @Test func geminiAnswersAndStreamsWithFinishReasonAndJustCloses() async throws {
        try await withFakeServer { port, http in
            let body = #"{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":3}}"#
            let plain = try await raw(http, port: port, "/v1beta/models/gemini-2.0-flash:generateContent",
                                      headers: [("x-goog-api-key", "k")], body: body)
            #expect(plain.status == 200)
            #expect(plain.headers["content-type"] == "application/json")
            #expect(plain.json?["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.string == "This is a")
            #expect(plain.json?["candidates"]?[0]?["finishReason"]?.string == "MAX_TOKENS")
            #expect(plain.json?["usageMetadata"]?["candidatesTokenCount"] == .int(3))
            #expect(plain.json?["modelVersion"]?.string == "gemini-2.0-flash")

            let stream = try await raw(http, port: port, "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=k",
                                       body: body)
            #expect(stream.status == 200)
            #expect(stream.headers["content-type"] == "text/event-stream")
            let frames = stream.text.components(separatedBy: "\n\n").dropLast()
            #expect(frames.count == 3)
            #expect(frames.allSatisfy { $0.hasPrefix("data: {") && !$0.contains("\n") })
            #expect(stream.text.hasSuffix("\"modelVersion\":\"gemini-2.0-flash\"}\n\n"))
            #expect(!stream.text.contains("[DONE]"))
            #expect(frames.last?.contains(#""finishReason":"MAX_TOKENS""#) == true)
            #expect(frames.first?.contains("finishReason") == false)
        }
    }

    @Test func cohereStreamsTheFiveEventTypesWithEventLines() async throws {
        try await withFakeServer { port, http in
            let body = #"{"model":"command-r","messages":[{"role":"user","content":"Hi"}],"stream":true,"max_tokens":2}"#
            let stream = try await raw(http, port: port, "/v2/chat", headers: Self.bearer, body: body)
            #expect(stream.status == 200)
            let frames = stream.text.components(separatedBy: "\n\n").dropLast()
            let types = frames.map { $0.split(separator: "\n").first.map(String.init) ?? "" }
            #expect(types == ["event: message-start", "event: content-start", "event: content-delta",
                              "event: content-delta", "event: content-end", "event: message-end"])
            for frame in frames {
                let lines = frame.split(separator: "\n")
                #expect(lines.count == 2 && lines[1].hasPrefix("data: {\""))
                let type = lines[0].dropFirst("event: ".count)
                #expect(JSONValue.parse(String(lines[1].dropFirst(6)))?["type"]?.string == String(type))
            }
            #expect(stream.text.hasSuffix("}\n\n"))
            #expect(!stream.text.contains("[DONE]"))
            #expect(stream.text.contains(#"{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"This"}}}}"#))

            let plain = try await raw(http, port: port, "/v2/chat", headers: Self.bearer,
                                      body: #"{"model":"command-r","messages":[{"role":"user","content":"Hi"}],"stream":false}"#)
            #expect(plain.json?["finish_reason"]?.string == "COMPLETE")
            #expect(plain.json?["message"]?["content"]?[0]?["type"]?.string == "text")
            #expect(plain.json?["model"] == nil)
        }
    }

    @Test func huggingFaceServesClassicAndTGIStreamsEndingInDone() async throws {
        try await withFakeServer { port, http in
            let plain = try await raw(http, port: port, "/models/mistralai/Mistral-7B-Instruct-v0.3", headers: Self.bearer,
                                      body: #"{"inputs":"The answer is","parameters":{"max_new_tokens":2}}"#)
            #expect(plain.status == 200)
            #expect(plain.text == #"[{"generated_text":"This is"}]"#)
            let stream = try await raw(http, port: port, "/hf-inference/models/org/model", headers: Self.bearer,
                                       body: #"{"inputs":"The answer is","parameters":{"max_new_tokens":2},"stream":true}"#)
            let frames = stream.text.components(separatedBy: "\n\n").dropLast()
            #expect(frames.count == 3)
            #expect(frames.last == "data: [DONE]")
            #expect(stream.text.hasSuffix("data: [DONE]\n\n"))
            #expect(frames.first?.hasPrefix(#"data: {"index":1,"token":{"id":1,"text":"This""#) == true)
            #expect(frames.first?.contains(#""generated_text":null,"details":null"#) == true)
            #expect(frames[1].contains(#""generated_text":"This is""#))
        }
    }

    @Test func openAIStreamsChunksThenUsageThenDone() async throws {
        try await withFakeServer { port, http in
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true},"max_tokens":2}"#
            let stream = try await raw(http, port: port, "/v1/chat/completions", headers: Self.bearer, body: body)
            #expect(stream.headers["content-type"] == "text/event-stream")
            let frames = stream.text.components(separatedBy: "\n\n").dropLast()
            #expect(frames.allSatisfy { $0.hasPrefix("data: ") && !$0.hasPrefix("data:  ") })
            #expect(frames.count == 6)
            #expect(frames[3].contains(#""finish_reason":"length""#))
            #expect(frames[4].contains(#""choices":[],"usage""#))
            #expect(frames[5] == "data: [DONE]")
            let plain = try await raw(http, port: port, "/v1/chat/completions", headers: Self.bearer,
                                      body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":false}"#)
            #expect(plain.json?["object"]?.string == "chat.completion")
            #expect(plain.json?["choices"]?[0]?["message"]?["content"]?.string == "This is a simulated answer from the airm fake provider.")
            #expect(plain.json?["usage"]?["completion_tokens"] == .int(11))
        }
    }

    // MARK: - Auth, bad requests, routing

    static let requests: [(Provider.Kind, String, String)] = [
        (.gemini, "/v1beta/models/gemini-2.0-flash:generateContent", #"{"contents":[{"parts":[{"text":"Hi"}]}]}"#),
        (.cohere, "/v2/chat", #"{"model":"command-r","messages":[{"role":"user","content":"Hi"}]}"#),
        (.huggingface, "/models/m", #"{"inputs":"Hi"}"#),
        (.openai, "/v1/chat/completions", #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"#),
    ]

    @Test func missingKeyGivesEachProvidersNativeError() async throws {
        try await withFakeServer { port, http in
            for (kind, path, body) in Self.requests {
                let response = try await raw(http, port: port, path, body: body)
                #expect(response.status == (kind == .gemini ? 403 : 401), "\(kind)")
                #expect(response.body == NativeErrors.missingKey(kind).body, "\(kind)")
            }
            let empty = try await raw(http, port: port, "/v2/chat", headers: [("authorization", "Bearer ")], body: "{}")
            #expect(empty.status == 401)
        }
    }

    @Test func badJSONGivesEachProvidersNative400() async throws {
        try await withFakeServer { port, http in
            let keys: [Provider.Kind: (String, String)] = [.gemini: ("x-goog-api-key", "k")]
            for (kind, path, _) in Self.requests {
                let header = keys[kind] ?? ("authorization", "Bearer k")
                let response = try await raw(http, port: port, path, headers: [header], body: "{not json")
                #expect(response.status == 400, "\(kind)")
                #expect(response.body == NativeErrors.response(kind, status: 400).body, "\(kind)")
            }
        }
    }

    @Test func unknownPathsAndMethodsAreRefused() async throws {
        try await withFakeServer { port, http in
            let unknownMethod = try await raw(http, port: port, "/v1beta/models/x:countTokens", body: "{}")
            let unknownPath = try await raw(http, port: port, "/nowhere", body: "{}")
            let wrongVerb = try await raw(http, port: port, "/v2/chat", method: "GET", headers: Self.bearer)
            #expect(unknownMethod.status == 404)
            #expect(unknownPath.status == 404)
            #expect(wrongVerb.status == 405)
        }
    }

    @Test func providerNamePrefixReachesTheBehavior() async throws {
        let script = ScriptedBehavior([])
        try await withFakeServer(script) { port, http in
            _ = try await raw(http, port: port, "/cohere-b/v2/chat", headers: Self.bearer, body: Self.requests[1].2)
            _ = try await raw(http, port: port, "/v1/chat/completions", headers: Self.bearer, body: Self.requests[3].2)
        }
        #expect(await script.calls == ["cohere-b", "openai"])
    }

    @Test func scriptedErrorsUseNativeBodiesAndRetryAfter() async throws {
        let script = ScriptedBehavior([FakeDecision(.error(status: 429, retryAfter: .seconds(2))),
                                       FakeDecision(.coldStart(estimatedTime: .seconds(20)))])
        try await withFakeServer(script) { port, http in
            let limited = try await raw(http, port: port, "/v2/chat", headers: Self.bearer, body: Self.requests[1].2)
            #expect(limited.status == 429)
            #expect(limited.headers["retry-after"] == "2")
            #expect(limited.headers["retry-after-ms"] == "2000")
            #expect(limited.json?["message"]?.string == "You are past the per minute request limit, please wait and try again later.")
            let loading = try await raw(http, port: port, "/models/org/m", headers: Self.bearer, body: Self.requests[2].2)
            #expect(loading.status == 503)
            #expect(loading.text == #"{"error":"Model org/m is currently loading","estimated_time":20.0}"#)
        }
    }
}
