import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation
import Testing
@testable import AirmServe

@Suite struct LiveFeedTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    private func event(_ second: Double, _ kind: ServeEvent.Kind) -> ServeEvent {
        ServeEvent(at: .seconds(second), date: Self.start.addingTimeInterval(second), kind: kind)
    }

    private func call(_ id: UInt64, _ outcome: RequestOutcome, ms: Double) -> ServeEvent.Kind {
        .call(CallRecord(id: id, source: .automation, requested: nil, provider: "gemini", outcome: outcome, attempts: 1,
                         latency: .milliseconds(ms), failure: nil, fault: nil, prompt: "secret prompt", answer: "answer"))
    }

    private func snapshot(_ feed: LiveFeed) async throws -> [String: Any] {
        let (snapshot, _) = await feed.subscribe()
        return try #require(try JSONSerialization.jsonObject(with: Data(snapshot.data.utf8)) as? [String: Any])
    }

    /// Applies `events` in order, as `run()` would.
    private func feed(_ events: [ServeEvent], now: Double) async -> LiveFeed {
        let feed = LiveFeed(breakers: [("gemini", .closed)], started: Self.start, statsInterval: .seconds(3600),
                            now: { Self.start.addingTimeInterval(now) })
        for event in events { feed.observe(event) }
        feed.finish()
        await feed.run()
        return feed
    }

    @Test func snapshotCarriesActiveFaultsWithTheirEnds() async throws {
        let fault = FaultStatus(index: 0, name: "outage", type: "unavailable", target: "gemini", origin: .injected,
                                start: .seconds(10), end: .seconds(40))
        let other = FaultStatus(index: 1, name: "slow", type: "latency", target: "*", origin: .config,
                                start: .seconds(5), end: .seconds(8))
        let feed = await feed([
            event(5, .faultStarted(other)), event(10, .faultStarted(fault)), event(8, .faultStopped(other, early: false)),
            event(12, .automationStarted(AutomationStatus(name: "automation", rate: "2/s", start: .seconds(12)))),
        ], now: 20)
        let state = try await snapshot(feed)
        let faults = try #require(state["faults"] as? [[String: Any]])
        #expect(faults.map { $0["name"] as? String } == ["outage"])
        #expect(faults.first?["ends"] as? String == "2026-09-21T14:14:00.000Z")
        #expect(faults.first?["target"] as? String == "gemini")
        let automation = try #require(state["automation"] as? [String: Any])
        #expect(automation["rate"] as? String == "2/s")
        #expect(automation["running"] as? Bool == true)
    }

    @Test func statsGiveRatesByOutcomeAndLatencyPercentiles() async throws {
        var events: [ServeEvent] = []
        for index in 1...100 {
            events.append(event(Double(index) * 0.2, call(UInt64(index), index % 10 == 0 ? .failed : .ok, ms: Double(index))))
        }
        let feed = await feed(events, now: 20)
        let stats = try #require(try await snapshot(feed)["stats"] as? [String: Any])
        let rates = try #require(stats["rates"] as? [String: Double])
        // The last 10 s hold calls 51…100: 45 ok and 5 failed.
        #expect(rates["ok"] == 4.5)
        #expect(rates["failed"] == 0.5)
        #expect(rates["fallback"] == 0)
        #expect(stats["p50_ms"] as? Double == 50)
        #expect(stats["p95_ms"] as? Double == 95)
        #expect(stats["p99_ms"] as? Double == 99)
        #expect(stats["requests"] as? Int == 100)
    }

    @Test func keepsTheLastRequestsWithoutBodies() async throws {
        let events = (1...60).map { event(Double($0), call(UInt64($0), .ok, ms: 5)) }
        let feed = await feed(events, now: 61)
        let state = try await snapshot(feed)
        let requests = try #require(state["requests"] as? [[String: Any]])
        #expect(requests.count == LiveFeed.keptRequests)
        #expect(requests.last?["id"] as? Int == 60)
        #expect(requests.first?["id"] as? Int == 11)
        #expect(String(decoding: try JSONSerialization.data(withJSONObject: state), as: UTF8.self).contains("secret") == false)
    }
}
