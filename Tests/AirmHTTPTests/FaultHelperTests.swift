import AirmHTTP
import AirmSpec
import Testing

/// The fault transport helpers: synthesized native errors read back by each wire format.
@Suite struct FaultHelperTests {
    static func decode(_ kind: Provider.Kind, _ response: SynthesizedResponse) -> WireResult {
        WireDecodingTests.decode(kind, response.status, response.bodyText, headers: response.headerMap)
    }

    @Test(arguments: liveKinds)
    func synthesizedErrorsClassifyAsTheirStatusKind(_ kind: Provider.Kind) {
        let table: [(Int, ErrorKind)] = [(429, .rateLimited), (503, .unavailable), (500, .serverError), (502, .serverError),
                                         (401, .auth), (403, .auth), (400, .badRequest), (422, .badRequest)]
        for (status, expected) in table {
            let result = Self.decode(kind, NativeErrors.response(kind, status: status))
            #expect(result.kind == expected, "\(kind) \(status)")
        }
    }

    @Test(arguments: liveKinds)
    func synthesized429CarriesRetryAfter(_ kind: Provider.Kind) throws {
        let response = NativeErrors.response(kind, status: 429, retryAfter: .milliseconds(2500))
        #expect(response.headerMap["retry-after"] == "3")
        guard case .failure(let failure) = Self.decode(kind, response) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .rateLimited)
        let expected: TimeSpan = kind == .huggingface ? .seconds(3) : .milliseconds(2500)
        #expect(failure.retryAfter == expected)
    }

    @Test func geminiBodyCarriesRetryInfo() throws {
        let body = try #require(JSONValue.parse(NativeErrors.response(.gemini, status: 429, retryAfter: .seconds(47)).body))
        #expect(body["error"]?["status"]?.string == "RESOURCE_EXHAUSTED")
        #expect(body["error"]?["details"]?[0]?["retryDelay"]?.string == "47s")
    }

    @Test func missingKeyBodiesHaveEachProvidersShape() throws {
        let gemini = try #require(JSONValue.parse(NativeErrors.missingKey(.gemini).body))
        #expect(gemini["error"]?["code"] == .int(403))
        #expect(gemini["error"]?["status"]?.string == "PERMISSION_DENIED")
        #expect(gemini["error"]?["message"]?.string?.hasPrefix("Method doesn't allow unregistered callers") == true)
        let cohere = try #require(JSONValue.parse(NativeErrors.missingKey(.cohere).body))
        #expect(cohere["id"]?.string != nil && cohere["message"]?.string != nil)
        let huggingface = try #require(JSONValue.parse(NativeErrors.missingKey(.huggingface).body))
        #expect(huggingface["error"]?.string != nil)
        let openai = try #require(JSONValue.parse(NativeErrors.missingKey(.openai).body))
        #expect(openai["error"]?["type"]?.string == "invalid_request_error")
        #expect(openai["error"]?["code"]?.string == "invalid_api_key")
    }

    @Test(arguments: Fault.Corruption.allCases)
    func corruptedAnswersClassifyAsCorrupt(_ how: Fault.Corruption) {
        let answers: [(Provider.Kind, String)] = [
            (.gemini, #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Hello!"}]},"finishReason":"STOP","index":0}]}"#),
            (.cohere, #"{"id":"x","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text","text":"Hello!"}]}}"#),
            (.huggingface, #"[{"generated_text":"Hello!"}]"#),
            (.openai, #"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}]}"#),
        ]
        for (kind, body) in answers {
            let spoiled = BodyCorruption.apply(how, to: Array(body.utf8))
            #expect(WireDecodingTests.decode(kind, 200, String(decoding: spoiled, as: UTF8.self)).kind == .corrupt, "\(kind)")
        }
    }
}
