import AirmEngine
import AirmSpec
import AirmStore
import Foundation
import Testing
@testable import AirmServe

@Suite struct ObservabilityTests {
    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airm-serve-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyObserverSeesACallAndCloseWritesTheLastRows() async throws {
        let path = try directory().appendingPathComponent("requests.sqlite").path
        let observability = try Observability(providers: ["gemini"], log: .init(path: path))
        #expect(observability.observers.count == 3)
        let call = CallRecord(id: 1, source: .api, requested: nil, provider: "gemini", outcome: .ok, attempts: 1,
                              latency: .milliseconds(12), failure: nil, fault: nil, prompt: "p", answer: "a")
        for observer in observability.observers {
            observer.observe(ServeEvent(at: .seconds(1), date: Date(), kind: .call(call)))
        }
        await observability.close()
        let rows = try await RequestLog(path: path).requests(.init())
        #expect(rows.count == 1 && rows.first?.prompt == nil)
        #expect(Exposition(observability.metrics.exposition()).value("airm_requests_total", ["outcome": "ok"]) == 1)
    }

    @Test func withoutALogThereAreMetricsAndAFeedOnly() {
        let observability = Observability(providers: ["gemini"])
        #expect(observability.log == nil)
        #expect(observability.observers.count == 2)
    }

    @Test func aLogThatCannotBeOpenedStopsTheRunBeforeItStarts() async throws {
        let folder = try directory().path
        let runner = ServeRunner(experiment: try ServeHarness.experiment(), options: ServeOptions(port: 0),
                                 logger: ServeHarness.quiet, log: .init(path: folder))
        await #expect(throws: RequestLogError.notARegularFile(path: folder)) {
            try await runner.run { _ in Issue.record("the server started") }
        }
    }
}
