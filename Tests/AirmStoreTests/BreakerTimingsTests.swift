import AirmEngine
import AirmSpec
import Testing
@testable import AirmStore

@Suite struct BreakerTimingsTests {
    private func result(faults: [RunResult.FaultWindow], transitions: [(String, Double, BreakerState)]) -> RunResult {
        var result = Fixtures.result()
        result.faults = faults
        result.transitions = transitions.map { provider, at, to in
            RunResult.Transition(provider: provider, atMs: at, from: .closed, to: to, reason: "")
        }
        return result
    }

    @Test func measuresEachFaultOnItsTargets() {
        let result = result(
            faults: [
                .init(name: "first", target: "gemini", type: "unavailable", startMs: 10_000, endMs: 20_000),
                .init(name: "second", target: "cohere,gemini", type: "error", startMs: 50_000, endMs: 60_000),
                .init(name: "quiet", target: "huggingface", type: "latency", startMs: 70_000, endMs: 80_000),
            ],
            transitions: [
                ("cohere", 11_000, .open), ("gemini", 12_500, .open), ("gemini", 22_500, .halfOpen),
                ("gemini", 23_000, .closed), ("cohere", 51_000, .open), ("cohere", 65_000, .closed),
            ])
        #expect(BreakerTimings.timeToOpen(result) == [2500, 1000, nil])
        #expect(BreakerTimings.timeToClose(result) == [3000, 5000, nil])
        let row = RunRow(result: result, gitCommit: nil)
        #expect(row.timeToOpenMs == 2500)
        #expect(row.timeToCloseMs == 3000)
    }

    @Test func wildcardTargetsEveryProvider() {
        let result = result(
            faults: [.init(name: "all", target: "*", type: "timeout", startMs: 0, endMs: 5_000)],
            transitions: [("cohere", 4_000, .open), ("gemini", 3_000, .open), ("cohere", 9_000, .closed)])
        #expect(BreakerTimings.timeToOpen(result) == [3000])
        #expect(BreakerTimings.timeToClose(result) == [4000])
    }

    @Test func firstFaultWithoutOpeningFallsThroughToTheNext() {
        let result = result(
            faults: [
                .init(name: "slow", target: "gemini", type: "latency", startMs: 0, endMs: 5_000),
                .init(name: "outage", target: "cohere", type: "unavailable", startMs: 10_000, endMs: 20_000),
            ],
            transitions: [("cohere", 10_400, .open)])
        let row = RunRow(result: result, gitCommit: nil)
        #expect(row.timeToOpenAllMs == [nil, 400])
        #expect(row.timeToOpenMs == 400)
        #expect(row.timeToCloseAllMs == [nil, nil])
        #expect(row.timeToCloseMs == nil)
    }
}
