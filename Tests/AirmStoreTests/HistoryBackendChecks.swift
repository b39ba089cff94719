import AirmEngine
import Foundation
import Testing
@testable import AirmStore

/// What every history back end must do (`HistoryBackend`), checked the same way on the SQLite
/// file and on a PostgreSQL server.
enum HistoryBackendChecks {
    /// Records a run and reads back every column, its assertions and its transitions.
    static func recordsAndReadsBack(_ location: HistoryLocation) async throws {
        let store = try await location.openForWriting()
        try await store.checkBeforeWriting()
        let result = Fixtures.result()
        let commit = String(repeating: "ab", count: 20)
        let id = try await store.record(result, gitCommit: commit, gitDirty: true)
        let expected = Fixtures.row(of: result, id: id, gitCommit: commit)
        let detail = try #require(try await store.detail(id: id))
        #expect(detail.run == expected)
        #expect(detail.assertions == result.assertions)
        #expect(detail.transitions == result.transitions)
        #expect(try await store.detail(id: id + 1) == nil)
        let unknown = try await store.record(Fixtures.result(name: "no-commit"), gitCommit: nil, gitDirty: nil)
        let row = try #require(try await store.detail(id: unknown)).run
        #expect(row.gitCommit == nil && row.gitDirty == nil)
        #expect(unknown > id)
        await store.close()
    }

    /// Newest first, the experiment filter, the limit, the latest two and the trend.
    static func listsAndPicksRuns(_ location: HistoryLocation) async throws {
        let store = try await location.openForWriting()
        let first = try await store.record(Fixtures.result(p99: 200), gitCommit: nil, gitDirty: nil)
        let other = try await store.record(Fixtures.result(name: "other"), gitCommit: nil, gitDirty: nil)
        let second = try await store.record(Fixtures.result(verdict: .failed, p99: 300), gitCommit: nil, gitDirty: nil)
        #expect(try await store.runs(experiment: nil, limit: 20).map(\.id) == [second, other, first])
        #expect(try await store.runs(experiment: nil, limit: 2).map(\.id) == [second, other])
        #expect(try await store.runs(experiment: nil, limit: -1).count == 3)
        #expect(try await store.runs(experiment: "checkout-outage", limit: 20).map(\.id) == [second, first])
        let latest = try #require(try await store.latestTwo())
        #expect(latest.older.run.id == first && latest.newer.run.id == second)
        #expect(try await store.latest(experiment: "other")?.run.id == other)
        #expect(try await store.latest(experiment: "missing") == nil)
        #expect(try await store.trendPoints(experiment: "checkout-outage").map(\.p99Ms) == [200, 300])
        await store.close()
    }

    /// Eight stores opened at once on one fresh history, each recording a run: all land, ids unique.
    static func eightParallelWriters(_ location: HistoryLocation) async throws {
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let store = try await location.openForWriting()
                    try await store.checkBeforeWriting()
                    let id = try await store.record(Fixtures.result(name: "parallel-\(index)"), gitCommit: nil, gitDirty: nil)
                    await store.close()
                    return id
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 8)
        let store = try await location.openForReading()
        let rows = try await store.runs(experiment: nil, limit: -1)
        #expect(Set(rows.map(\.id)) == Set(ids))
        #expect(Set(rows.map(\.experiment)).count == 8)
        for id in ids {
            let detail = try #require(try await store.detail(id: id))
            #expect(detail.assertions.count == 2)
            #expect(detail.transitions.count == 3)
        }
        await store.close()
    }

    /// What `airm history` and `airm compare` print for the history's runs.
    static func outputs(_ location: HistoryLocation) async throws -> [String] {
        let store = try await location.openForWriting()
        _ = try await store.record(Fixtures.result(p99: 200), gitCommit: String(repeating: "cd", count: 20), gitDirty: false)
        _ = try await store.record(Fixtures.result(name: "other"), gitCommit: nil, gitDirty: nil)
        _ = try await store.record(
            Fixtures.result(verdict: .failed, startedAt: "2026-11-29T10:00:00Z", successRate: 0.91, p99: 310.5),
            gitCommit: String(repeating: "ef", count: 20), gitDirty: true)
        let rows = try await store.runs(experiment: nil, limit: 20)
        let latest = try #require(try await store.latestTwo())
        let comparison = Comparison.compare(a: latest.older, b: latest.newer,
                                            tolerance: try ComparisonTolerance.parse(["p99=10%"]))
        await store.close()
        return [HistoryFormatter.table(rows), HistoryFormatter.json(rows), ComparisonFormatter.text(comparison),
                ComparisonFormatter.json(comparison), ComparisonFormatter.markdown(comparison)]
    }
}
