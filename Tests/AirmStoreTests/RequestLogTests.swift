import AirmEngine
import AirmSpec
import Foundation
import Testing
@testable import AirmStore

@Suite struct RequestLogTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Row `index` of a log: a second apart, alternating providers, every fifth one failed under `outage`.
    static func row(_ index: Int, prompt: String? = nil) -> RequestRow {
        let failed = index % 5 == 4
        return RequestRow(at: start.addingTimeInterval(Double(index)), provider: index.isMultiple(of: 2) ? "gemini" : "openai",
                          outcome: failed ? .failed : .ok, attempts: failed ? 3 : 1,
                          latency: .milliseconds(Double(200 + index)), fault: failed ? "outage" : nil, prompt: prompt)
    }

    private func openLog() throws -> RequestLog {
        try RequestLog(path: Fixtures.temporaryDirectory().appendingPathComponent("logs/requests.sqlite").path)
    }

    // MARK: - Queries

    @Test func readsBackWhatWasWrittenNewestFirst() async throws {
        let log = try openLog()
        let written = try await log.insert((0..<10).map { Self.row($0) })
        #expect(written.map(\.id) == (1...10).map { Int64($0) })
        let rows = try await log.requests(.init(limit: 3))
        #expect(rows.map(\.id) == [10, 9, 8])
        #expect(rows[0] == written[9])
        #expect(rows[0].latency == .milliseconds(209))
        #expect(rows[0].at == Self.start.addingTimeInterval(9))
    }

    @Test func filtersByProviderOutcomeAndTime() async throws {
        let log = try openLog()
        try await log.insert((0..<20).map { Self.row($0) })
        #expect(try await log.requests(.init(provider: "gemini")).map(\.id) == [19, 17, 15, 13, 11, 9, 7, 5, 3, 1])
        #expect(try await log.requests(.init(outcome: .failed)).map(\.id) == [20, 15, 10, 5])
        #expect(try await log.requests(.init(outcome: .failed)).allSatisfy { $0.fault == "outage" && $0.attempts == 3 })
        #expect(try await log.requests(.init(provider: "openai", outcome: .failed)).map(\.id) == [20, 10])
        #expect(try await log.requests(.init(since: Self.start.addingTimeInterval(17))).map(\.id) == [20, 19, 18])
        #expect(try await log.requests(.init(limit: 5000)).count == 20)
        #expect(RequestLog.Query(limit: 5000).limit == RequestLog.Query.maximumLimit)
    }

    @Test func statsGiveRowsBytesOldestAndNewest() async throws {
        let log = try openLog()
        #expect(try await log.stats().rows == 0)
        #expect(try await log.stats().oldest == nil)
        try await log.insert((0..<50).map { Self.row($0) })
        let stats = try await log.stats()
        #expect(stats.rows == 50)
        #expect(stats.oldest == Self.start)
        #expect(stats.newest == Self.start.addingTimeInterval(49))
        #expect(stats.bytes >= 4096)
    }

    @Test func bodiesAreKeptOnlyWhenGiven() async throws {
        let log = try openLog()
        let full = Self.row(0, prompt: "What is a breaker?")
        try await log.insert([full.withoutBodies, full])
        let rows = try await log.requests(.init())
        #expect(rows[0].prompt == "What is a breaker?")
        #expect(rows[1].prompt == nil && rows[1].answer == nil)
    }

    // MARK: - Retention

    @Test func retentionDeletesRowsOlderThanTheAge() async throws {
        let log = try openLog()
        try await log.insert((0..<10).map { Self.row($0) })
        let now = Self.start.addingTimeInterval(12)
        #expect(try await log.prune(.init(maxAge: .seconds(5)), now: now) == 7)
        #expect(try await log.requests(.init()).map(\.id) == [10, 9, 8])
    }

    @Test func retentionKeepsTheNewestRows() async throws {
        let log = try openLog()
        try await log.insert((0..<10).map { Self.row($0) })
        #expect(try await log.prune(.init(maxRows: 4), now: Self.start) == 6)
        #expect(try await log.requests(.init()).map(\.id) == [10, 9, 8, 7])
        #expect(try await log.prune(.init(maxRows: 4), now: Self.start) == 0)
        #expect(try await log.prune(.init(maxRows: 0), now: Self.start) == 4)
    }

    @Test(arguments: [("7d", 7 * 86_400.0), ("12h", 43_200), ("30m", 1_800), ("1.5d", 129_600)])
    func retentionAges(text: String, seconds: Double) async throws {
        #expect(try RequestLog.Retention.age(text).get() == .seconds(seconds))
    }

    @Test(arguments: ["d", "7", "-1d", "7w", "x d"])
    func unworkableRetentionAges(text: String) {
        #expect((try? RequestLog.Retention.age(text).get()) == nil)
    }

    // MARK: - Size and opening

    /// A row without bodies takes at most about 200 bytes, index included.
    @Test func rowsAreSmall() async throws {
        let log = try openLog()
        let count = 10_000
        try await log.insert((0..<count).map { Self.row($0) })
        let perRow = Double(try await log.bytesInUse()) / Double(count)
        #expect(perRow <= 200, "\(perRow) bytes per row")
        #expect(perRow >= 20, "\(perRow) bytes per row")
    }

    @Test func refusesADirectoryAndAFileThatIsNotADatabase() async throws {
        let directory = try Fixtures.temporaryDirectory()
        #expect(throws: RequestLogError.notARegularFile(path: directory.path)) { try RequestLog(path: directory.path) }
        let text = directory.appendingPathComponent("notes.sqlite")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: text)
        #expect(throws: RequestLogError.notADatabase(path: text.path)) { try RequestLog(path: text.path) }
    }

    @Test func reopensAnExistingLog() async throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("requests.sqlite").path
        try await RequestLog(path: path).insert([Self.row(0)])
        #expect(try await RequestLog(path: path).stats().rows == 1)
    }
}
