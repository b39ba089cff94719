import AirmEngine
import Foundation
import Testing
@testable import AirmStore

@Suite struct RequestLogWriterTests {
    private func openLog() throws -> RequestLog {
        try RequestLog(path: Fixtures.temporaryDirectory().appendingPathComponent("requests.sqlite").path)
    }

    /// A writer whose flushes are reported on a stream the test awaits.
    private func writer(_ log: RequestLog, batchSize: Int, flushInterval: Duration,
                        retention: RequestLog.Retention = .init(), now: Date = RequestLogTests.start)
        -> (RequestLogWriter, AsyncStream<RequestLogWriter.Flush>) {
        let (flushes, continuation) = AsyncStream.makeStream(of: RequestLogWriter.Flush.self)
        let writer = RequestLogWriter(log: log, batchSize: batchSize, flushInterval: flushInterval, retention: retention,
                                      now: { now }, onFlush: { continuation.yield($0) })
        return (writer, flushes)
    }

    @Test func writesFullBatchesThenTheRestOnFinish() async throws {
        let log = try openLog()
        let (writer, flushes) = writer(log, batchSize: 3, flushInterval: .seconds(3600))
        let running = Task { await writer.run() }
        var reported = flushes.makeAsyncIterator()
        for index in 0..<7 { writer.log(RequestLogTests.row(index)) }
        #expect(await reported.next()?.written == 3)
        #expect(await reported.next()?.written == 3)
        #expect(try await log.stats().rows == 6)
        writer.finish()
        await running.value
        #expect(await reported.next()?.written == 1)
        #expect(try await log.stats().rows == 7)
        #expect(await writer.written == 7)
        #expect(try await log.requests(.init()).map(\.id) == [7, 6, 5, 4, 3, 2, 1])
    }

    @Test func writesAPartialBatchWhenTheIntervalPasses() async throws {
        let log = try openLog()
        let (writer, flushes) = writer(log, batchSize: 1000, flushInterval: .milliseconds(10))
        let running = Task { await writer.run() }
        var reported = flushes.makeAsyncIterator()
        writer.log(RequestLogTests.row(0))
        writer.log(RequestLogTests.row(1))
        var written = 0
        while written < 2, let flush = await reported.next() { written += flush.written }
        #expect(try await log.stats().rows == 2)
        writer.finish()
        await running.value
    }

    @Test func appliesRetentionAfterEachBatch() async throws {
        let log = try openLog()
        let (writer, flushes) = writer(log, batchSize: 4, flushInterval: .seconds(3600), retention: .init(maxRows: 5))
        let running = Task { await writer.run() }
        var reported = flushes.makeAsyncIterator()
        for index in 0..<8 { writer.log(RequestLogTests.row(index)) }
        let first = await reported.next()
        let second = await reported.next()
        #expect(first?.pruned == 0)
        #expect(second?.pruned == 3)
        writer.finish()
        await running.value
        #expect(try await log.requests(.init()).map(\.id) == [8, 7, 6, 5, 4])
    }

    @Test func rowsLoggedAfterFinishAreDropped() async throws {
        let log = try openLog()
        let (writer, _) = writer(log, batchSize: 10, flushInterval: .seconds(3600))
        let running = Task { await writer.run() }
        writer.log(RequestLogTests.row(0))
        writer.finish()
        writer.log(RequestLogTests.row(1))
        await running.value
        #expect(try await log.stats().rows == 1)
    }
}
