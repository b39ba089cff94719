import Foundation
import Testing
@testable import AirmStore

/// `HistoryBackendChecks` on the SQLite file.
@Suite struct SQLiteHistoryBackendTests {
    private func withFile(_ body: (HistoryLocation) async throws -> Void) async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(.file(path: directory.appendingPathComponent(".airm/history.sqlite").path))
    }

    @Test func recordsAndReadsBack() async throws {
        try await withFile(HistoryBackendChecks.recordsAndReadsBack)
    }

    @Test func listsAndPicksRuns() async throws {
        try await withFile(HistoryBackendChecks.listsAndPicksRuns)
    }

    @Test func eightParallelWriters() async throws {
        try await withFile(HistoryBackendChecks.eightParallelWriters)
    }
}
