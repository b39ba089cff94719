import AirmEngine
import AirmSpec
import Testing

/// Where two sources of breaker transitions disagree (docs/app-mode.md "When the sources disagree").
@Suite struct ObservedAgreementTests {
    static func record(_ ms: Double, _ to: BreakerState, from: BreakerState? = nil, provider: String = "p") -> TransitionRecord {
        TransitionRecord(provider: provider, at: .milliseconds(ms), from: from ?? (to == .closed ? .open : .closed), to: to, reason: "")
    }

    @Test func opensAndClosesWithinTheToleranceAgree() {
        let read = [Self.record(5_300, .open), Self.record(20_500, .closed)]
        let inferred = [Self.record(5_200, .open), Self.record(10_300, .halfOpen, from: .open),
                        Self.record(10_310, .open, from: .halfOpen), Self.record(20_400, .closed)]
        #expect(ObservedAgreement.disagreements(read, "the app", inferred, "the inference").isEmpty)
    }

    @Test func eachUnmatchedChangeIsOneLine() {
        let read = [Self.record(5_300, .open), Self.record(30_000, .closed)]
        let inferred = [Self.record(6_400, .open), Self.record(30_500, .closed, provider: "q")]
        #expect(ObservedAgreement.disagreements(read, "the app", inferred, "the inference") == [
            "p: the app saw `open` at 5.3 s; the inference saw no such change within 1s",
            "p: the app saw `closed` at 30.0 s; the inference saw no such change within 1s",
            "p: the inference saw `open` at 6.4 s; the app saw no such change within 1s",
            "q: the inference saw `closed` at 30.5 s; the app saw no such change within 1s",
        ])
    }
}
