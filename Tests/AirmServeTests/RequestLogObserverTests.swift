import AirmEngine
import AirmSpec
import AirmStore
import Foundation
import Testing
@testable import AirmServe

@Suite struct RequestLogObserverTests {
    private let call = CallRecord(id: 7, source: .api, requested: "gemini", provider: "openai", outcome: .fallback,
                                  attempts: 2, latency: .milliseconds(1500), failure: nil, fault: "outage",
                                  prompt: "the prompt", answer: "the answer")

    @Test func rowIsStampedWithTheArrivalAndCarriesNoBodies() {
        let ended = Date(timeIntervalSince1970: 1_790_000_010)
        let row = RequestLogObserver.row(call, endedAt: ended, logBodies: false)
        #expect(row.at == Date(timeIntervalSince1970: 1_790_000_008.5))
        #expect(row.provider == "openai")
        #expect(row.outcome == .fallback)
        #expect(row.attempts == 2)
        #expect(row.latency == .milliseconds(1500))
        #expect(row.fault == "outage")
        #expect(row.prompt == nil && row.answer == nil)
    }

    @Test func bodiesAreKeptWhenAsked() {
        let row = RequestLogObserver.row(call, endedAt: Date(), logBodies: true)
        #expect(row.prompt == "the prompt")
        #expect(row.answer == "the answer")
    }

    @Test func writesOnlyCallsToTheLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airm-serve-tests-\(UUID().uuidString)")
        let log = try RequestLog(path: directory.appendingPathComponent("requests.sqlite").path)
        let writer = RequestLogWriter(log: log, flushInterval: .seconds(3600), retention: .init())
        let running = Task { await writer.run() }
        let observer = RequestLogObserver(writer: writer)
        let date = Date(timeIntervalSince1970: 1_790_000_010)
        observer.observe(ServeEvent(at: .seconds(1), date: date, kind: .rejection(provider: "gemini")))
        observer.observe(ServeEvent(at: .seconds(1), date: date, kind: .call(call)))
        writer.finish()
        await running.value
        let rows = try await log.requests(.init())
        #expect(rows.count == 1)
        #expect(rows.first?.fault == "outage")
    }
}
