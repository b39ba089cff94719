import Testing
@testable import AirmSpec

/// Assertions that can never hold are located errors at load, with a way out.
@Suite struct ImpossibleAssertionTests {
    static func load(_ assertions: String) -> LoadResult {
        Support.load(Support.minimal + "\nassertions:\n" + assertions)
    }

    @Test func neverClosedOverTheWholeRunIsAnError() {
        let result = Self.load("  - breaker: cohere\n    never: closed\n")
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(result.experiment == nil)
        #expect(error?.message.contains("every breaker starts closed") == true, "\(result.diagnostics)")
        #expect(error?.location?.line == 19)
    }

    @Test func neverClosedDuringAFaultIsFine() {
        let result = Self.load("  - breaker: gemini\n    never: closed\n    during: outage\n")
        #expect(result.experiment != nil, "\(result.diagnostics)")
    }

    @Test func aSequenceMustStartClosedOverTheWholeRun() {
        let bad = Self.load("  - breaker: gemini\n    sequence: [open, half_open, closed]\n")
        #expect(bad.experiment == nil)
        #expect(bad.diagnostics.contains { $0.message.contains("starts at `closed`") }, "\(bad.diagnostics)")
        let good = Self.load("  - breaker: gemini\n    sequence: [closed, open, half_open, closed]\n")
        #expect(good.experiment != nil, "\(good.diagnostics)")
    }

    @Test(arguments: ["gemini.ok >= 1", "gemini.answered_latency.p99 < 2s", "gemini.attempts_per_request < 3"])
    func requestMetricsScopedToAProviderAreErrors(_ expression: String) {
        let result = Self.load("  - expect: \(expression)\n")
        #expect(result.experiment == nil)
        #expect(result.diagnostics.contains { $0.message.contains("is counted per request") }, "\(result.diagnostics)")
    }

    @Test func answeredLatencyReadsUnscoped() {
        let result = Self.load("  - expect: answered_latency.p99 < 2s\n")
        #expect(result.experiment != nil, "\(result.diagnostics)")
    }
}
