import AirmEngine
import AirmSpec
import Testing

/// The provider-side rule for an application's breaker (docs/app-mode.md "Breakers inferred
/// from the provider side"), as tables of calls and the transitions they give.
@Suite struct BreakerInferenceTests {
    static let settings = BreakerInference.Settings(quiet: .milliseconds(500))
    /// A request to the app every 100 ms for 20 s.
    static let traffic = (0..<200).map { TimeSpan.milliseconds(Double($0) * 100) }

    /// Calls every 100 ms in [from, to) ms, each lasting 10 ms, failing when `failing`.
    static func flow(_ from: Double, _ to: Double, failing: Bool = false) -> [ProviderCall] {
        stride(from: from, to: to, by: 100.0).map {
            ProviderCall(provider: 0, at: .milliseconds($0), endedAt: .milliseconds($0 + 10),
                         result: failing ? .failure(.serverError) : .success(slow: false))
        }
    }

    static func call(_ at: Double, failing: Bool) -> [ProviderCall] {
        [ProviderCall(provider: 0, at: .milliseconds(at), endedAt: .milliseconds(at + 10),
                      result: failing ? .failure(.serverError) : .success(slow: false))]
    }

    static func infer(_ calls: [ProviderCall], outages: [Timeline.Span] = [], requests: [TimeSpan] = traffic) -> [String] {
        BreakerInference.transitions(provider: "p", calls: calls, requests: requests, outages: outages,
                                     end: .seconds(20), settings: settings)
            .map { "\(Int($0.at.milliseconds)) \($0.from.rawValue)>\($0.to.rawValue)" }
    }

    @Test(arguments: [
        // Steady successful flow: nothing.
        ("steady", flow(0, 20_000), [String]()),
        // Failures, silence, one failing probe, silence, one succeeding probe and resumed flow.
        ("open, probe, close", flow(0, 5_000) + flow(5_000, 5_300, failing: true) + call(10_200, failing: true)
            + flow(15_200, 20_000),
         ["5210 closed>open", "10200 open>half_open", "10210 half_open>open", "15200 open>half_open", "15210 half_open>closed"]),
        // A silence after successes is routing, not a breaker.
        ("fallback no longer needed", flow(0, 5_000), []),
        // A silence shorter than `quiet` is not a stop.
        ("short gap", flow(0, 5_000, failing: true) + flow(5_300, 20_000), []),
        // Open until the end of the run: no close.
        ("never recovers", flow(0, 5_000) + flow(5_000, 5_300, failing: true), ["5210 closed>open"]),
    ] as [(String, [ProviderCall], [String])])
    func callsGiveTransitions(name: String, calls: [ProviderCall], expected: [String]) {
        #expect(Self.infer(calls) == expected, "\(name)")
    }

    @Test func noTrafficDuringTheSilenceMeansNoInference() {
        let calls = Self.flow(0, 5_000) + Self.flow(5_000, 5_300, failing: true) + Self.flow(15_000, 20_000)
        let idle = Self.traffic.filter { $0 < .milliseconds(5_300) || $0 >= .seconds(15) }
        #expect(Self.infer(calls, requests: idle) == [])
    }

    @Test func aListenerOutageOpensAtItsStart() {
        // Refused connections never reach the fake: the silence begins with the outage.
        let calls = Self.flow(0, 5_050) + Self.flow(12_000, 20_000)
        let outage = Timeline.Span(start: .seconds(5), end: .seconds(10))
        #expect(Self.infer(calls, outages: [outage]) == ["5000 closed>open", "12000 open>half_open", "12010 half_open>closed"])
    }

    @Test func quietFollowsTheTraffic() {
        let loaded = ExperimentLoader.load(source: """
        name: q
        duration: 10s
        providers: { gemini: {} }
        traffic: [ { rate: 2/s } ]
        """, file: "q.yaml", environment: [:])
        guard let experiment = loaded.experiment else { Issue.record("\(loaded.diagnostics)"); return }
        #expect(BreakerInference.Settings.for(Plan(experiment)).quiet == .seconds(2))
    }
}
