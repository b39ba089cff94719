import AirmHTTP
import AirmSpec
import Testing

/// A server's retry hint, however large or odd, is a rate limit with at most the cap
/// (docs/experiment-format.md, `retry.retry_after`), never a trap.
@Suite struct RetryAfterBoundsTests {
    static let cap = RetryPolicy.retryAfterCap
    static let kinds: [Provider.Kind] = liveKinds + [.anthropic]

    struct Hint: Sendable, CustomTestStringConvertible {
        var headers: [(String, String)]
        var expected: TimeSpan?
        var testDescription: String { headers.map { "\($0.0): \($0.1)" }.joined(separator: ", ") }
    }

    static let hints: [Hint] = [
        Hint(headers: [("retry-after", "9223372037")], expected: cap),
        Hint(headers: [("retry-after", "inf")], expected: cap),
        Hint(headers: [("retry-after", "1e300")], expected: cap),
        Hint(headers: [("retry-after-ms", "1e300")], expected: cap),
        Hint(headers: [("retry-after-ms", "9223372036854775807")], expected: cap),
        Hint(headers: [("retry-after", "61")], expected: cap),
        Hint(headers: [("retry-after", "nan")], expected: nil),
        Hint(headers: [("retry-after", "-5")], expected: nil),
        Hint(headers: [("retry-after-ms", "-inf"), ("retry-after", "2")], expected: .seconds(2)),
    ]

    @Test(arguments: hints)
    func headerHintIsCapped(_ hint: Hint) async throws {
        for kind in Self.kinds {
            let body = NativeErrors.response(kind, status: 429).bodyText
            let outcome = try await Self.complete(kind, CannedServer.response(headers: hint.headers, body: body))
            #expect(outcome.errorKind == .rateLimited, "\(kind): \(outcome)")
            guard case .failure(_, let retryAfter, _, _) = outcome else { continue }
            #expect(retryAfter == hint.expected, "\(kind)")
        }
    }

    @Test(arguments: ["1e300s", "inf s", "infs", "9223372037s", "nans", "-1s"])
    func geminiRetryDelayIsCapped(_ delay: String) async throws {
        let body = #"{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"\#(delay)"}]}}"#
        let outcome = try await Self.complete(.gemini, CannedServer.response(headers: [], body: body))
        let expected: TimeSpan? = delay.hasPrefix("nan") || delay.hasPrefix("-") || delay.contains(" ") ? nil : Self.cap
        #expect(outcome == .failure(.rateLimited, retryAfter: expected, status: 429,
                                    message: "RESOURCE_EXHAUSTED: Resource exhausted"))
    }

    @Test func huggingFaceEstimateIsCapped() async throws {
        let body = #"{"error":"Model m is currently loading","estimated_time":1e300}"#
        let outcome = try await Self.complete(.huggingface, CannedServer.response(status: 503, headers: [], body: body))
        #expect(outcome == .failure(.unavailable, retryAfter: Self.cap, status: 503, message: "Model m is currently loading"))
    }

    @Test func hugeTokenCountsAreBounded() {
        #expect(ParsedAnswer(text: "", tokens: .max).tokens == Int(Int32.max))
        #expect(ParsedAnswer(text: "", tokens: -3).tokens == 0)
    }

    @Test func timeSpansFromHugeOrInvalidNumbersSaturate() {
        #expect(TimeSpan.seconds(.infinity) == TimeSpan(nanoseconds: .max))
        #expect(TimeSpan.seconds(-.infinity) == TimeSpan(nanoseconds: .min))
        #expect(TimeSpan.milliseconds(1e300) == TimeSpan(nanoseconds: .max))
        #expect(TimeSpan.seconds(.nan) == .zero)
        #expect(TimeSpan.seconds(9_223_372_037) == TimeSpan(nanoseconds: .max))
        #expect(TimeSpan.seconds(1.5) * 1e300 == TimeSpan(nanoseconds: .max))
        #expect(TimeSpan(Duration.seconds(Int64.max)) == TimeSpan(nanoseconds: .max))
        #expect(TimeSpan(Duration.seconds(Int64.min)) == TimeSpan(nanoseconds: .min))
        #expect(TimeSpan.seconds(1.5) == TimeSpan(nanoseconds: 1_500_000_000))
    }

    /// One call of `kind`'s client against a server that always answers `response`.
    static func complete(_ kind: Provider.Kind, _ response: String) async throws -> CompletionOutcome {
        let server = try CannedServer(response: response)
        defer { server.stop() }
        let http = ProviderClients.makeHTTPClient()
        let outcome = await client(kind, port: server.port, http: http)
            .complete(CompletionRequest(prompt: "Hi"), timeout: .seconds(10))
        try await http.shutdown()
        return outcome
    }
}
