import Foundation
import GRDB
import Testing
@testable import AirmStore

/// A history file written by the previous schema (version 1) is migrated in place and keeps its runs.
@Suite struct HistoryMigrationTests {
    /// A version 1 file as the airm before schema version 2 wrote it, with one run.
    private func makeVersion1File(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try HistorySchema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: Fixtures.version1Run)
        }
        let (version, columns) = try queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try db.columns(in: "runs").map(\.name))
        }
        #expect(version == 1)
        #expect(!columns.contains("git_dirty"))
    }

    @Test func anOldFileIsMigratedAndKeepsItsRuns() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        try makeVersion1File(at: path)

        let store = try HistoryStore(path: path)
        let (version, migrations) = try store.queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(version == 2)
        #expect(migrations == ["v1", "v2"])

        let old = try #require(try store.runs().first)
        #expect(old.mode == "live")
        #expect(old.gitDirty == nil)
        #expect(old.p50Ms == nil)
        #expect(old.failed == nil)
        #expect(old.commitLabel == "0123456")

        let id = try store.record(Fixtures.result(), gitCommit: String(repeating: "ab", count: 20), gitDirty: true)
        let new = try #require(try store.run(id: id))
        #expect(new.commitLabel == "abababa+dirty")
        #expect(new.p50Ms == 80)
        #expect(new.failed == 0)
    }

    @Test func readingAnOldFileMigratesIt() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        try makeVersion1File(at: path)

        let rows = try HistoryStore(readingFrom: path).runs()
        #expect(rows.map(\.experiment) == ["checkout-outage"])
        #expect(rows.first?.gitDirty == nil)
        #expect(HistoryFormatter.table(rows).contains("live"))
    }
}
