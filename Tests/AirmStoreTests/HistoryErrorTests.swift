import Foundation
import GRDB
import Testing
@testable import AirmStore

@Suite struct HistoryErrorTests {
    @Test func garbageFileIsNotADatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        _ = FileManager.default.createFile(atPath: path, contents: garbage)
        let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error == .notADatabase(path: path))
        #expect(error?.description.contains("is not an SQLite database") == true)
    }

    @Test func damagedPagesAreCorrupt() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        do {
            let store = try HistoryStore(path: path)
            for _ in 0..<200 { try store.record(Fixtures.result(), gitCommit: nil) }
            _ = try store.queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 4096 * 3)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 8192))
        try handle.close()
        let error = #expect(throws: HistoryError.self) {
            let store = try HistoryStore(path: path)
            _ = try store.runs(limit: -1)
        }
        #expect(error == .corrupt(path: path, detail: "database disk image is malformed"))
        #expect(error?.description.contains("is corrupt") == true)
    }

    @Test func newerUserVersionIsRefused() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore(path: path)
        try store.queue.write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error == .newerSchema(path: path, found: "schema version 7", known: "schema version 2, migrations v1, v2"))
        #expect(error?.description.contains("written by a newer airm") == true)
    }

    @Test func unknownMigrationIsRefused() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let store = try HistoryStore(path: path)
        try store.queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-run-tags')")
        }
        let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error == .newerSchema(path: path, found: "migrations v2-run-tags",
                                      known: "schema version 2, migrations v1, v2"))
    }

    @Test func writeLockHeldByAnotherConnectionIsLocked() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let holder = try HistoryStore(path: path)
        let waiter = try HistoryStore(path: path, busyTimeout: .zero)
        try holder.queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let error = #expect(throws: HistoryError.self) { try waiter.record(Fixtures.result(), gitCommit: nil) }
            #expect(error == .locked(path: path))
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try waiter.record(Fixtures.result(), gitCommit: nil) == 1)
    }

    @Test func unwritableParentDirectoryIsReported() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("file")
        _ = FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8))
        let path = blocker.appendingPathComponent("history.sqlite").path
        #expect {
            try HistoryStore(path: path)
        } throws: { error in
            guard case .cannotCreateDirectory(let failing, _) = error as? HistoryError else { return false }
            return failing == path
        }
    }
}
