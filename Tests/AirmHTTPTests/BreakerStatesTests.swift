import AirmEngine
import AirmHTTP
import AirmSpec
import Testing

/// Reading an app's breaker states from Prometheus text and JSON (docs/app-mode.md "Reading the
/// app's breakers").
@Suite struct BreakerStatesTests {
    static let gauge = BreakerReading(url: "http://x/metrics", source: .prometheus(
        metric: "breaker_state", nameLabel: "name", stateLabel: nil, values: BreakerReading.defaultValues))

    @Test func aGaugeMapsValuesToStates() {
        let text = """
        # HELP breaker_state 0 closed, 1 open, 2 half open
        # TYPE breaker_state gauge
        breaker_state{name="primary",service="chat"} 1
        breaker_state{service="chat", name="backup"} 0.0
        breaker_state_total{name="primary"} 7
        other{name="primary"} 2
        """
        var reading = Self.gauge
        reading.names = ["primary": "openai"]
        #expect(BreakerStates.read(Array(text.utf8), as: reading) == ["openai": .open, "backup": .closed])
    }

    @Test func aStateLabelNamesTheCurrentState() {
        // Resilience4j: one series per state, the current one at 1.
        let text = """
        resilience4j_circuitbreaker_state{name="gemini",state="closed",} 0.0
        resilience4j_circuitbreaker_state{name="gemini",state="half_open",} 1.0
        resilience4j_circuitbreaker_state{name="gemini",state="open",} 0.0
        """
        let reading = BreakerReading(url: "http://x", source: .prometheus(metric: "resilience4j_circuitbreaker_state",
                                                                          nameLabel: "name", stateLabel: "state", values: [:]))
        #expect(BreakerStates.read(Array(text.utf8), as: reading) == ["gemini": .halfOpen])
    }

    @Test(arguments: [
        (#"{"breakers":[{"name":"openai","state":"OPEN"},{"name":"cohere","state":"half-open"}]}"#, "$.breakers[*]"),
        (#"{"breakers":{"openai":"open","cohere":{"state":"HALF_OPEN","failures":3}}}"#, "$.breakers"),
        (#"[{"name":"openai","state":"open"},{"name":"cohere","state":"halfOpen"}]"#, "$"),
    ])
    func jsonListsAndObjects(body: String, path: String) {
        let reading = BreakerReading(url: "http://x", source: .json(path: path))
        #expect(BreakerStates.read(Array(body.utf8), as: reading) == ["openai": .open, "cohere": .halfOpen])
    }

    @Test func unreadableAnswersNameNoBreaker() {
        #expect(BreakerStates.read(Array("not json".utf8), as: BreakerReading(url: "http://x", source: .json(path: "$"))).isEmpty)
        #expect(BreakerStates.read(Array("breaker_state{name=\"a\"} x".utf8), as: Self.gauge).isEmpty)
    }
}
