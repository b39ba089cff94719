import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The Anthropic Messages wire: the fake's bytes over real sockets, and the client's encoding
/// and stream decoding from bytes alone.
@Suite struct AnthropicWireFormatTests {
    static let headers = [("x-api-key", "k"), ("anthropic-version", "2023-06-01")]

    static func body(stream: Bool, maxTokens: Int = 1024) -> String {
        #"{"model":"claude-sonnet-4-5","max_tokens":\#(maxTokens),"messages":[{"role":"user","content":"Hi"}],"stream":\#(stream)}"#
    }

    @Test func answersAMessage() async throws {
        try await withFakeServer { port, http in
            let short = try await raw(http, port: port, "/v1/messages", headers: Self.headers, body: Self.body(stream: false, maxTokens: 3))
            #expect(short.status == 200)
            #expect(short.headers["content-type"] == "application/json")
            #expect(short.text == #"{"id":"msg_01AirmFake0000000000001","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"This is a"}],"stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":3}}"#)
            let full = try await raw(http, port: port, "/v1/messages", headers: Self.headers, body: Self.body(stream: false))
            #expect(full.json?["stop_reason"]?.string == "end_turn")
            #expect(full.json?["content"]?[0]?["text"]?.string == ClientAgainstFakeTests.fullAnswer)
        }
    }

    @Test func streamsTheTypedEventsEndingInMessageStop() async throws {
        try await withFakeServer { port, http in
            let stream = try await raw(http, port: port, "/claude-b/v1/messages", headers: Self.headers,
                                       body: Self.body(stream: true, maxTokens: 2))
            #expect(stream.status == 200)
            #expect(stream.headers["content-type"] == "text/event-stream")
            let frames = stream.text.components(separatedBy: "\n\n").dropLast()
            let types = frames.map { $0.split(separator: "\n").first.map(String.init) ?? "" }
            #expect(types == ["event: message_start", "event: content_block_start", "event: ping",
                              "event: content_block_delta", "event: content_block_delta", "event: content_block_stop",
                              "event: message_delta", "event: message_stop"])
            for frame in frames {
                let lines = frame.split(separator: "\n")
                #expect(lines.count == 2 && lines[1].hasPrefix("data: {\""))
                let type = lines[0].dropFirst("event: ".count)
                #expect(JSONValue.parse(String(lines[1].dropFirst(6)))?["type"]?.string == String(type))
            }
            #expect(stream.text.contains(#"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"This"}}"#))
            #expect(stream.text.contains(#"{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":2}}"#))
            #expect(stream.text.hasSuffix("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))
        }
    }

    @Test func aBodyWithoutMaxTokensIsAnInvalidRequest() async throws {
        try await withFakeServer { port, http in
            let response = try await raw(http, port: port, "/v1/messages", headers: Self.headers,
                                         body: #"{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}"#)
            #expect(response.status == 400)
            #expect(response.json?["error"]?["type"]?.string == "invalid_request_error")
        }
    }

    // MARK: - The client's side, from bytes

    @Test func encodesTheMessagesRequest() {
        let wire = AnthropicWire(model: "claude-sonnet-4-5", apiKey: "k")
        let request = wire.encode(CompletionRequest(prompt: "Hi", stream: true))
        #expect(request.path == "/v1/messages")
        #expect(request.headers.map { "\($0.0): \($0.1)" }
            == ["x-api-key: k", "anthropic-version: 2023-06-01", "content-type: application/json"])
        #expect(String(decoding: request.body, as: UTF8.self)
            == #"{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}],"stream":true}"#)
        let limited = wire.encode(CompletionRequest(prompt: "Hi", maxTokens: 5))
        #expect(JSONValue.parse(limited.body)?["max_tokens"] == .int(5))
    }

    static let wire = AnthropicWire(model: "claude-sonnet-4-5", apiKey: "k")

    static func stream(_ events: [(String, String)]) -> [UInt8] {
        Array(events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined().utf8)
    }

    static let opening: [(String, String)] = [
        ("message_start", #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"stop_reason":null,"usage":{"input_tokens":8,"output_tokens":1}}}"#),
        ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
        ("ping", #"{"type": "ping"}"#),
        ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"#),
    ]

    static let closing: [(String, String)] = [
        ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}"#),
        ("message_stop", #"{"type":"message_stop"}"#),
    ]

    @Test func decodesAReferenceStream() {
        let result = Self.wire.decode(status: 200, headers: [:], body: Self.stream(Self.opening + Self.closing), stream: true)
        #expect(result == .success(ParsedAnswer(text: "Hel", tokens: 15)))
    }

    @Test func anErrorEventMidStreamIsAFailure() {
        let error = ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        let result = Self.wire.decode(status: 200, headers: [:], body: Self.stream(Self.opening + [error]), stream: true)
        #expect(result == .failure(WireFailure(.unavailable, "overloaded_error: Overloaded")))
        let apiError = ("error", #"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#)
        let failed = Self.wire.decode(status: 200, headers: [:], body: Self.stream(Self.opening + [apiError]), stream: true)
        #expect(failed.kind == .serverError)
    }

    @Test func aStreamWithoutMessageStopIsConnection() {
        let cut = Self.wire.decode(status: 200, headers: [:], body: Self.stream(Self.opening + Self.closing.dropLast()),
                                   stream: true)
        #expect(cut.kind == .connection)
    }

    @Test func aRefusalIsBlocked() {
        let body = #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":"refusal","stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":0}}"#
        #expect(Self.wire.decode(status: 200, headers: [:], body: Array(body.utf8)).kind == .blocked)
    }

    @Test func synthesizedErrorsReadBackAsTheirKind() {
        let table: [(Int, ErrorKind)] = [(400, .badRequest), (401, .auth), (403, .auth), (404, .badRequest),
                                         (413, .badRequest), (422, .badRequest), (429, .rateLimited), (500, .serverError),
                                         (502, .serverError), (503, .unavailable), (529, .unavailable)]
        for (status, expected) in table {
            let response = NativeErrors.response(.anthropic, status: status, retryAfter: .milliseconds(2500))
            #expect(response.headerMap["retry-after"] == "3")
            let result = Self.wire.decode(status: status, headers: response.headerMap, body: response.body)
            guard case .failure(let failure) = result else {
                Issue.record("\(status): expected a failure")
                continue
            }
            #expect(failure.kind == expected, "\(status)")
            #expect(failure.retryAfter == .seconds(3), "\(status)")
        }
    }
}
