import AirmSpec
import Testing
@testable import AirmEngine

/// Every breaker check key the loader reads has a rule here that names and judges it.
@Suite struct BreakerRulesCatalogTests {
    /// One check of each kind, by key.
    static let samples: [BreakerCheck] = [
        .transition(to: .open, after: nil, within: nil),
        .transition(to: .halfOpen, after: nil, within: nil),
        .transition(to: .closed, after: nil, within: nil),
        .never(.open),
        .sequence([.closed, .open]),
        .maxOpens(1),
        .maxTimeOpen(.seconds(30)),
        .ends(.closed),
    ]

    @Test func samplesCoverEveryKey() {
        #expect(Self.samples.map(\.key) == BreakerCheck.keys)
    }

    @Test(arguments: samples)
    func everyKindHasARule(_ check: BreakerCheck) {
        let named = BreakerRules.all.contains { $0.name(of: check, provider: "gemini") != nil }
        #expect(named, "no rule names `\(check.key)`")
        let experiment = MetricsFixtures.experiment(assertions: [Assertion(check: .breaker(provider: "gemini", check))])
        let recorder = MetricsFixtures.recorder(experiment, transitions: MetricsFixtures.outageTransitions)
        let result = MetricsFixtures.evaluate(experiment, recorder, finalStates: [.closed, .closed])[0]
        #expect(result.kind == check.key)
        #expect(result.observed != "not evaluated", "no rule judges `\(check.key)`: \(result.message)")
    }
}
