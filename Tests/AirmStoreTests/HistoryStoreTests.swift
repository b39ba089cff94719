import AirmEngine
import AirmReports
import Foundation
import GRDB
import Testing
@testable import AirmStore

@Suite struct HistoryStoreTests {
    // MARK: - Opening

    @Test func createsFileAndParentDirectoryOnFirstUse() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(".airm/nested/history.sqlite").path
        let store = try HistoryStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.runs().isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func migratesAnEmptyFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try HistoryStore(path: path)
        let (tables, userVersion, journal, migrations) = try store.queue.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"),
             try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(tables == ["assertion_results", "grdb_migrations", "runs", "transitions"])
        #expect(userVersion == HistorySchema.version)
        #expect(journal == "wal")
        #expect(migrations == ["v1", "v2"])
    }

    @Test func reopeningAMigratedFileKeepsItsRuns() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let id = try HistoryStore(path: path).record(Fixtures.result(), gitCommit: nil)
        #expect(try HistoryStore(path: path).run(id: id)?.experiment == "checkout-outage")
    }

    // MARK: - Recording

    @Test func recordsAndReadsBackARun() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
        let result = Fixtures.result()
        let commit = String(repeating: "ab", count: 20)
        let id = try store.record(result, gitCommit: commit, gitDirty: true)

        let expected = Fixtures.row(of: result, id: id, gitCommit: commit)
        #expect(try store.run(id: id) == expected)
        #expect(expected.timeToOpenMs == 2500)
        #expect(expected.timeToCloseMs == 4000)

        let detail = try #require(try store.detail(id: id))
        #expect(detail.run == expected)
        #expect(detail.assertions == result.assertions)
        #expect(detail.transitions == result.transitions)
        #expect(try store.run(id: id + 1) == nil)
    }

    @Test func neverStoresTheExperimentText() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore(path: path)
        var result = Fixtures.result()
        result.source = "version: 1\napi_key: SECRET-MARKER-123\n"
        try store.record(result, gitCommit: nil)
        let columns = try store.queue.read { db in try db.columns(in: "runs").map(\.name) }
        #expect(!columns.contains("source"))
        _ = try store.queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data("SECRET-MARKER-123".utf8)) == nil)
    }

    // MARK: - Queries

    @Test func listsNewestFirstWithLimitAndExperimentFilter() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
        let a1 = try store.record(Fixtures.result(name: "a"), gitCommit: nil)
        let b1 = try store.record(Fixtures.result(name: "b"), gitCommit: nil)
        let a2 = try store.record(Fixtures.result(name: "a"), gitCommit: nil)
        #expect(try store.runs().map(\.id) == [a2, b1, a1])
        #expect(try store.runs(limit: 2).map(\.id) == [a2, b1])
        #expect(try store.runs(experiment: "a").map(\.id) == [a2, a1])
        #expect(try store.runs(experiment: "c").isEmpty)
    }

    @Test func latestTwoComparesTheMostRecentExperiment() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
        #expect(try store.latestTwo() == nil)
        let a1 = try store.record(Fixtures.result(name: "a"), gitCommit: nil)
        _ = try store.record(Fixtures.result(name: "b"), gitCommit: nil)
        #expect(try store.latestTwo() == nil)
        let a2 = try store.record(Fixtures.result(name: "a", verdict: .failed), gitCommit: nil)
        let pair = try #require(try store.latestTwo())
        #expect(pair.older.run.id == a1)
        #expect(pair.newer.run.id == a2)
        #expect(pair.newer.assertions.count == 2)
    }

    @Test func trendIsTheLastRunsOldestFirst() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
        var ids: [Int64] = []
        for index in 0..<5 {
            ids.append(try store.record(Fixtures.result(p99: Double(200 + index)), gitCommit: "c\(index)"))
        }
        _ = try store.record(Fixtures.result(name: "other"), gitCommit: nil)
        let trend = try store.trend(experiment: "checkout-outage", limit: 3)
        #expect(trend.map(\.runId) == Array(ids.suffix(3)))
        #expect(trend.map(\.p99Ms) == [202, 203, 204])
        #expect(trend.last == TrendPoint(runId: ids[4], startedAt: "2026-11-28T10:00:00Z", verdict: "passed",
                                         successRate: 0.995, p99Ms: 204, timeToOpenMs: 2500, timeToCloseMs: 4000, commit: "c4"))
    }
}
