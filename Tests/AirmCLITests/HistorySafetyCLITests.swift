import Foundation
import GRDB
import Testing

/// `airm run` checks the history file before writing to it, and refuses special files.
@Suite struct HistorySafetyCLITests {
    let example = CLIHarness.repositoryRoot + "/experiments/gemini-outage.yaml"

    @Test func aDamagedHistoryIsExit3AfterTheReports() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let history = "\(work)/history.sqlite"
        let first = await CLIHarness.run(["run", "--out", "\(work)/first", "--history", history, example], in: work)
        #expect(first.exitCode == 0, "\(first.stderr)")
        try Self.damage(history)
        let result = await CLIHarness.run(["run", "--out", "\(work)/out", "--history", history, example], in: work)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("history file \(history) is corrupt"), "\(result.stderr)")
        #expect(result.stderr.contains("move it aside"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/gemini-outage.json"))
    }

    @Test func devNullIsRefusedAndGetsNoJournal() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(["run", "--out", "\(work)/out", "--history", "/dev/null", example], in: work)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("history file /dev/null is not a regular file"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/gemini-outage.json"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        let listing = await CLIHarness.run(["history", "--history", "/dev/null"], in: work)
        #expect(listing.exitCode == 3)
        #expect(listing.stderr.contains("is not a regular file"), "\(listing.stderr)")
    }

    /// Adds a table that airm never writes and zeroes one of its pages: the writes of a run
    /// still succeed on the file, only a check finds the damage.
    static func damage(_ path: String) throws {
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
    }
}
