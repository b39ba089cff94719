import AirmEngine
import Testing
@testable import AirmStore

@Suite struct HistoryFormatterTests {
    static var rows: [RunRow] {
        var live = RunRow(result: Fixtures.result(name: "retry-storm", verdict: .failed, startedAt: "2026-11-28T11:00:00Z",
                                                  requests: 12000, successRate: 0.9123, p99: 1830.25),
                          gitCommit: "fedcba9876543210fedcba9876543210fedcba98", gitDirty: true, id: 12)
        live.mode = "live"
        return [live, RunRow(result: Fixtures.result(), gitCommit: nil, id: 9)]
    }

    @Test func tableGolden() {
        Golden.check(HistoryFormatter.table(Self.rows), named: "history.txt")
    }

    @Test func emptyTable() {
        #expect(HistoryFormatter.table([]) == "no runs recorded\n")
    }

    @Test func jsonGolden() {
        Golden.check(HistoryFormatter.json([Self.rows[1]]), named: "history.json")
    }
}
