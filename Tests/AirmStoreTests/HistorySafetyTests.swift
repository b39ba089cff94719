import Foundation
import GRDB
import Testing
@testable import AirmStore

/// A damaged file is found before writing, special files are refused, and readers open the
/// file read-only.
@Suite struct HistorySafetyTests {
    /// A history file with an extra table whose second page is zeroed: writes to airm's own
    /// tables still succeed on it, but `quick_check` finds the damage.
    static func damagedHistory(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("history.sqlite").path
        _ = try HistoryStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        let page = try queue.write { db -> Int in
            try db.execute(sql: "CREATE TABLE filler (text TEXT)")
            for _ in 0..<64 { try db.execute(sql: "INSERT INTO filler VALUES (?)", arguments: [String(repeating: "x", count: 500)]) }
            return try Int.fetchOne(db, sql: "SELECT page_size FROM pragma_page_size") ?? 4096
        }
        try queue.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size - UInt64(page) * 2)
        try handle.write(contentsOf: Data(repeating: 0, count: page))
        try handle.close()
        return path
    }

    @Test func quickCheckFindsADamagedFileThatStillTakesWrites() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.damagedHistory(in: directory)
        let store = try HistoryStore(path: path)
        _ = try store.record(Fixtures.result(), gitCommit: nil)
        #expect(throws: HistoryError.self) { try store.quickCheck() }
        do {
            try store.quickCheck()
        } catch {
            guard case .corrupt(let where_, _) = error else { Issue.record("\(error)"); return }
            #expect(where_ == path)
            #expect(error.description.contains("move it aside"))
        }
    }

    @Test func aSoundFilePassesQuickCheck() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try HistoryStore(path: directory.appendingPathComponent("h.sqlite").path)
        _ = try store.record(Fixtures.result(), gitCommit: nil)
        try store.quickCheck()
    }

    @Test func specialFilesAreRefusedAndNothingIsWrittenBesideThem() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in ["/dev/null", directory.path] {
            #expect(throws: HistoryError.notARegularFile(path: path)) { try HistoryStore(path: path) }
            #expect(throws: HistoryError.notARegularFile(path: path)) { try HistoryStore(readingFrom: path) }
        }
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        #expect(HistoryError.notARegularFile(path: "/dev/null").description.contains("--no-history"))
    }

    @Test func aReaderOpensReadOnlyAndDoesNotWaitForAWriter() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        let writer = try HistoryStore(path: path)
        _ = try writer.record(Fixtures.result(), gitCommit: nil)
        // Another process is in the middle of a write: it holds the write lock.
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: holding)
        try holder.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let reader = try HistoryStore(readingFrom: path, busyTimeout: .zero)  // any wait for a lock would fail
        #expect(try reader.runs().count == 1)
        #expect(throws: (any Error).self) {
            try reader.queue.write { db in try db.execute(sql: "DELETE FROM runs") }
        }
        try holder.inDatabase { db in try db.execute(sql: "ROLLBACK") }
    }

    @Test func aReaderLeavesNoWALFilesBesideTheDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        do {
            let writer = try HistoryStore(path: path)
            _ = try writer.record(Fixtures.result(), gitCommit: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        do {
            let reader = try HistoryStore(readingFrom: path)
            #expect(try reader.runs().count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test func aReadOnlyFileIsStillRead() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        do {
            let writer = try HistoryStore(path: path)
            _ = try writer.record(Fixtures.result(), gitCommit: nil)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let reader = try HistoryStore(readingFrom: path)
        #expect(try reader.runs().count == 1)
    }

    @Test func aMissingFileReadsAsEmptyAndIsNotCreated() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("none/history.sqlite").path
        let reader = try HistoryStore(readingFrom: path)
        #expect(try reader.runs().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
