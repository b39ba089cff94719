import AirmEngine
import AirmSpec
import Testing
@testable import AirmReports

@Suite struct BreakerLaneTests {
    @Test func intervalsFollowTransitions() {
        let lane = BreakerLane(provider: "gemini", transitions: Fixtures.outage.transitions, endMs: 180_000)
        #expect(lane.intervals == [
            .init(state: .closed, fromMs: 0, toMs: 36_200),
            .init(state: .open, fromMs: 36_200, toMs: 66_200),
            .init(state: .halfOpen, fromMs: 66_200, toMs: 66_300),
            .init(state: .closed, fromMs: 66_300, toMs: 180_000),
        ])
        #expect(lane.state(at: 0) == .closed)
        #expect(lane.state(at: 40_000) == .open)
        #expect(lane.state(at: 66_250) == .halfOpen)
        #expect(lane.states(at: [0, 36_200, 40_000, 66_250, 70_000, 1000]) == [.closed, .open, .open, .halfOpen, .closed, .closed])
    }

    @Test func noTransitionsMeansClosedThroughout() {
        let lane = BreakerLane(provider: "cohere", transitions: Fixtures.outage.transitions, endMs: 180_000)
        #expect(lane.intervals == [.init(state: .closed, fromMs: 0, toMs: 180_000)])
    }

    @Test func transitionAtZeroAndOutOfOrderInput() {
        let transitions = [
            RunResult.Transition(provider: "p", atMs: 5000, from: .open, to: .halfOpen, reason: ""),
            RunResult.Transition(provider: "p", atMs: 0, from: .closed, to: .open, reason: ""),
        ]
        let lane = BreakerLane(provider: "p", transitions: transitions, endMs: 6000)
        #expect(lane.intervals == [.init(state: .open, fromMs: 0, toMs: 5000), .init(state: .halfOpen, fromMs: 5000, toMs: 6000)])
    }

    @Test func providersFollowTheFileThenTheirNames() {
        var result = Fixtures.outage
        result.transitions.append(.init(provider: "aaa-unknown", atMs: 1000, from: .closed, to: .open, reason: ""))
        #expect(BreakerLane.providerOrder(result) == ["gemini", "cohere", "aaa-unknown"])
    }
}
