import AirmEngine
import AirmSpec
import Testing
@testable import AirmReports

/// In `mode: app`, one lane per breaker and source, and the sources' disagreements in the report
/// (docs/app-mode.md "When the sources disagree").
@Suite struct AppLaneTests {
    static var result: RunResult {
        var result = Fixtures.outage
        result.transitions = [
            RunResult.Transition(provider: "gemini", atMs: 36_200, from: .closed, to: .open, reason: "inferred: no call", observed: "inferred"),
            RunResult.Transition(provider: "gemini", atMs: 36_300, from: .closed, to: .open, reason: "the app reported `open`", observed: "prometheus"),
            RunResult.Transition(provider: "gemini", atMs: 66_300, from: .open, to: .closed, reason: "inferred: the calls resumed", observed: "inferred"),
        ]
        result.app = AppObservation(statusClasses: ["2xx": 10, "5xx": 2], log: "reports/x.app.log", sources: ["inferred", "prometheus"],
                                    judged: "prometheus",
                                    disagreements: ["gemini: the inference saw `closed` at 66.3 s; the app's prometheus saw no such change within 1s"])
        return result
    }

    @Test func eachSourceHasItsLane() {
        let lanes = BreakerLane.lanes(Self.result, endMs: 180_000).filter { $0.provider == "gemini" }
        #expect(lanes.map(\.label) == ["gemini · inferred", "gemini · prometheus"])
        #expect(lanes[0].state(at: 70_000) == .closed)
        #expect(lanes[1].state(at: 70_000) == .open)
    }

    @Test func theReportShowsTheApplicationAndTheDisagreements() {
        let html = HTMLReporter.render(Self.result)
        #expect(html.contains("<section id=\"application\">"))
        #expect(html.contains("2xx: 10, 5xx: 2"))
        #expect(html.contains("checks judge <strong>prometheus</strong>"))
        #expect(html.contains("the inference saw `closed` at 66.3 s"))
        #expect(html.contains("gemini · prometheus"))
        // Providers are listed once, whatever the number of lanes.
        #expect(html.components(separatedBy: "<tr><th>gemini</th>").count == 2)
    }

    @Test func withoutAppModeNothingChanges() {
        #expect(BreakerLane.lanes(Fixtures.outage, endMs: 180_000).map(\.label) == BreakerLane.providerOrder(Fixtures.outage))
        #expect(!HTMLReporter.render(Fixtures.outage).contains("id=\"application\""))
    }
}
