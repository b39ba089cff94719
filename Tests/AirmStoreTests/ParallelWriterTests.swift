import Foundation
import GRDB
import Testing
@testable import AirmStore

@Suite struct ParallelWriterTests {
    /// Like parallel `airm run` processes: each task opens its own store on one fresh file and records a run.
    @Test func eightConcurrentStoresOnOneFile() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(".airm/history.sqlite").path
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let store = try HistoryStore(path: path)
                    return try store.record(Fixtures.result(name: "parallel-\(index)"), gitCommit: nil)
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 8)
        let store = try HistoryStore(path: path)
        #expect(try store.runs(limit: -1).count == 8)
        #expect(Set(try store.runs(limit: -1).map(\.experiment)).count == 8)
        let (assertions, transitions) = try await store.queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM assertion_results"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM transitions"))
        }
        #expect(assertions == 16)
        #expect(transitions == 24)
        #expect(try store.integrityCheck() == "ok")
    }
}
