import AirmSpec
import Testing
@testable import AirmEngine

@Suite("Breaker assertions")
struct AssertionBreakerTests {
    /// Evaluates one breaker check over the design's outage story (open 32s, half-open 62s, closed 63.5s).
    func judge(_ check: BreakerCheck, provider: String = "gemini", window: Window = .run,
               transitions: [TransitionRecord] = MetricsFixtures.outageTransitions,
               finalStates: [BreakerState] = [.closed, .closed]) -> RunResult.AssertionResult {
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: .breaker(provider: provider, check), window: window)])
        let recorder = MetricsFixtures.recorder(experiment, transitions: transitions)
        return MetricsFixtures.evaluate(experiment, recorder, finalStates: finalStates)[0]
    }

    // MARK: - opens / half_opens / closes

    @Test("opens within a limit after a fault starts")
    func opensWithin() {
        let pass = judge(.transition(to: .open, after: MetricsFixtures.start("gemini-outage"), within: .seconds(5)))
        #expect(pass.passed)
        #expect(pass.name == "gemini opens within 5s after gemini-outage.start")
        #expect(pass.kind == "opens")
        #expect(pass.expected == "within 5s after gemini-outage.start")
        #expect(pass.observed == "2s after gemini-outage.start")
        #expect(pass.message == "gemini opened at 32s, 2s after gemini-outage.start (limit 5s)")

        let late = judge(.transition(to: .open, after: MetricsFixtures.start("gemini-outage"), within: .seconds(5)),
                         transitions: [MetricsFixtures.transition(at: 36.2, .closed, .open)])
        #expect(!late.passed)
        #expect(late.message == "gemini opened at 36.2s, 6.2s after gemini-outage.start (limit 5s)")
    }

    @Test("closes within a limit after a fault ends")
    func closesWithin() {
        let result = judge(.transition(to: .closed, after: MetricsFixtures.end("gemini-outage"), within: .seconds(45)))
        #expect(result.passed)
        #expect(result.name == "gemini closes within 45s after gemini-outage.end")
        #expect(result.kind == "closes")
        #expect(result.message == "gemini closed at 63.5s, 3.5s after gemini-outage.end (limit 45s)")
        let tight = judge(.transition(to: .closed, after: MetricsFixtures.end("gemini-outage"), within: .seconds(3)))
        #expect(!tight.passed)
        let halfOpen = judge(.transition(to: .halfOpen, after: MetricsFixtures.start("gemini-outage"), within: .seconds(35)))
        #expect(halfOpen.passed)
        #expect(halfOpen.kind == "half_opens")
        #expect(halfOpen.name == "gemini half-opens within 35s after gemini-outage.start")
    }

    @Test("a transition that never comes, or came before the anchor, fails with what was seen")
    func neverCame() {
        let none = judge(.transition(to: .open, after: MetricsFixtures.start("gemini-outage"), within: .seconds(5)), transitions: [])
        #expect(!none.passed)
        #expect(none.observed == "never")
        #expect(none.message == "gemini never opened")

        let early = judge(.transition(to: .open, after: MetricsFixtures.start("gemini-outage"), within: .seconds(5)),
                          transitions: [MetricsFixtures.transition(at: 20, .closed, .open)])
        #expect(!early.passed)
        #expect(early.message == "gemini did not open after gemini-outage.start (last opened at 20s, before gemini-outage.start at 30s)")
    }

    @Test("opens: true passes when the breaker opened at least once in the window")
    func opensAtAll() {
        let result = judge(.transition(to: .open, after: nil, within: nil))
        #expect(result.passed)
        #expect(result.name == "gemini opens")
        #expect(result.message == "gemini opened at 32s")
        let cohere = judge(.transition(to: .open, after: nil, within: nil), provider: "cohere")
        #expect(!cohere.passed)
        #expect(cohere.message == "cohere never opened")
        let outside = judge(.transition(to: .open, after: nil, within: nil), window: .after("gemini-outage"))
        #expect(!outside.passed)
        #expect(outside.name == "gemini opens after gemini-outage")
        #expect(outside.message == "gemini never opened after gemini-outage")
    }

    // MARK: - never

    @Test("never: a state the breaker does not enter")
    func never() {
        let cohere = judge(.never(.open), provider: "cohere")
        #expect(cohere.passed)
        #expect(cohere.name == "cohere never opens")
        #expect(cohere.kind == "never")
        #expect(cohere.message == "cohere never opened")
        let gemini = judge(.never(.open))
        #expect(!gemini.passed)
        #expect(gemini.observed == "opened at 32s")
        #expect(gemini.message == "gemini opened at 32s")
        #expect(judge(.never(.halfOpen)).name == "gemini is never half_open")
    }

    @Test("never fails when the breaker is already in the state at the window's start")
    func neverAlreadyIn() {
        let window = Window.range(from: .at(.seconds(40)), to: .at(.seconds(50)))
        let result = judge(.never(.open), window: window)
        #expect(!result.passed)
        #expect(result.name == "gemini never opens from 40s to 50s")
        #expect(result.message == "gemini was already open at 40s (window start)")
    }

    // MARK: - sequence

    @Test("sequence: the states visited, repeats collapsed, the state at the window's start first")
    func sequence() {
        let full = judge(.sequence([.closed, .open, .halfOpen, .closed]))
        #expect(full.passed)
        #expect(full.name == "gemini sequence closed → open → half_open → closed")
        #expect(full.message == "gemini went closed → open → half_open → closed")
        let wrong = judge(.sequence([.closed, .open, .closed]))
        #expect(!wrong.passed)
        #expect(wrong.observed == "closed → open → half_open → closed")
        #expect(wrong.message == "gemini went closed → open → half_open → closed (expected closed → open → closed)")
        let during = judge(.sequence([.closed, .open]), window: .during("gemini-outage"))
        #expect(during.passed)
        let after = judge(.sequence([.open, .halfOpen, .closed]), window: .after("gemini-outage"))
        #expect(after.passed)
    }

    // MARK: - max_opens, max_time_open

    static let flapping = [
        MetricsFixtures.transition(at: 32, .closed, .open),
        MetricsFixtures.transition(at: 62, .open, .halfOpen),
        MetricsFixtures.transition(at: 62.5, .halfOpen, .open),
        MetricsFixtures.transition(at: 92.5, .open, .halfOpen),
        MetricsFixtures.transition(at: 93, .halfOpen, .open),
        MetricsFixtures.transition(at: 123, .open, .halfOpen),
        MetricsFixtures.transition(at: 124, .halfOpen, .closed),
    ]

    @Test("max_opens counts entries into open")
    func maxOpens() {
        let once = judge(.maxOpens(1))
        #expect(once.passed)
        #expect(once.name == "gemini opens at most once")
        #expect(once.message == "gemini opened once (limit 1)")
        let flaps = judge(.maxOpens(2), transitions: Self.flapping)
        #expect(!flaps.passed)
        #expect(flaps.name == "gemini opens at most 2 times")
        #expect(flaps.observed == "3")
        #expect(flaps.message == "gemini opened 3 times (limit 2)")
    }

    @Test("max_time_open totals the time spent open, clamping an ongoing stay at the window's end")
    func maxTimeOpen() {
        let pass = judge(.maxTimeOpen(.seconds(30)))
        #expect(pass.passed)
        #expect(pass.name == "gemini open at most 30s in total")
        #expect(pass.observed == "30s")
        let flaps = judge(.maxTimeOpen(.seconds(60)), transitions: Self.flapping)
        #expect(!flaps.passed)
        #expect(flaps.message == "gemini was open 1m30s in total (limit 1m)")
        let ongoing = judge(.maxTimeOpen(.seconds(5)), transitions: [MetricsFixtures.transition(at: 170, .closed, .open)],
                            finalStates: [.open, .closed])
        #expect(!ongoing.passed)
        #expect(ongoing.message == "gemini was open 10s in total (limit 5s, still open at the end)")
        let clipped = judge(.maxTimeOpen(.seconds(30)), window: .during("gemini-outage"))
        #expect(clipped.observed == "28s")
        #expect(clipped.passed)
    }

    // MARK: - ends

    @Test("ends: the state at the window's end")
    func ends() {
        let closed = judge(.ends(.closed))
        #expect(closed.passed)
        #expect(closed.name == "gemini ends closed")
        #expect(closed.message == "gemini was closed at 3m")
        let during = judge(.ends(.closed), window: .during("gemini-outage"))
        #expect(!during.passed)
        #expect(during.observed == "open")
        #expect(during.message == "gemini was open at 1m (expected closed)")
        let stuck = judge(.ends(.closed), transitions: [MetricsFixtures.transition(at: 170, .closed, .open)],
                          finalStates: [.open, .closed])
        #expect(!stuck.passed)
    }

    // MARK: - Cannot be evaluated

    @Test("a window naming an unknown fault, or an unknown provider, fails with a reason")
    func unresolvable() {
        let window = judge(.never(.open), window: .during("nope"))
        #expect(!window.passed)
        #expect(window.message == "window during nope could not be resolved: it names an unknown fault")
        let provider = judge(.never(.open), provider: "openai")
        #expect(!provider.passed)
        #expect(provider.message == "openai is not a provider of this experiment")
        let anchor = judge(.transition(to: .open, after: MetricsFixtures.start("nope"), within: .seconds(5)))
        #expect(!anchor.passed)
        #expect(anchor.message == "nope.start could not be resolved: it names an unknown fault")
    }

    @Test("every breaker check kind is in the catalog")
    func catalog() {
        let checks: [BreakerCheck] = [.transition(to: .open, after: nil, within: nil), .never(.open), .sequence([.closed]),
                                      .maxOpens(1), .maxTimeOpen(.seconds(1)), .ends(.closed)]
        for check in checks {
            #expect(BreakerRules.all.compactMap { $0.name(of: check, provider: "p") }.count == 1)
        }
    }
}
