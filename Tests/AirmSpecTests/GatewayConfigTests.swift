import AirmEngine
import AirmSpec
import Testing

/// A gateway's configuration (`LoadPurpose.gateway`) and a traffic stream read alone.
@Suite struct GatewayConfigTests {
    static func load(_ source: String, purpose: LoadPurpose) -> LoadResult {
        ExperimentLoader.load(source: source, file: "serve.yaml", environment: [:], faultTypes: FaultTypes.all, purpose: purpose)
    }

    static let providersOnly = """
    providers:
      gemini: { type: gemini }
    policy: { route: [gemini] }
    """

    @Test func aGatewayNeedsOnlyProviders() throws {
        let experiment = try #require(Self.load(Self.providersOnly, purpose: .gateway).experiment)
        #expect(experiment.name == "serve" && experiment.traffic.isEmpty && experiment.duration == Experiment.openEnded)
        let asExperiment = Self.load(Self.providersOnly, purpose: .experiment)
        #expect(asExperiment.diagnostics.filter { $0.severity == .error }.map(\.message)
                    == ["the experiment needs `name`", "the experiment needs `duration`", "the experiment needs `traffic`"])
    }

    @Test func aGatewayStillReportsEveryMistakeWithItsPlace() {
        let result = Self.load("providers:\n  gemini: { type: gemnii }\npolicy: { route: [gemini, cohere] }\n", purpose: .gateway)
        #expect(result.experiment == nil)
        #expect(result.diagnostics.filter { $0.severity == .error }.map { $0.location?.line } == [2, 3])
    }

    @Test func anExperimentFileServesWithItsDurationAndFaults() throws {
        let source = Self.providersOnly + "\nname: outage\nduration: 3m\ntraffic: [{ rate: 1/s }]\nfaults: [{ target: gemini, type: unavailable, at: 30s, for: 30s }]\n"
        let experiment = try #require(Self.load(source, purpose: .gateway).experiment)
        #expect(experiment.name == "outage" && experiment.duration == .seconds(180) && experiment.faults.count == 1)
    }

    @Test func aStreamReadAloneIsAnEntryOfTraffic() throws {
        let stream = try #require(ExperimentLoader.loadStream(source: #"{"rate": "0.5/s", "name": "clicks"}"#, file: "body").stream)
        #expect(stream.name == "clicks" && stream.shape == .rate(Rate(perSecond: 0.5), .uniform))
        let refused = ExperimentLoader.loadStream(source: "rate: 2/s\nstart: outage.end\n", file: "body")
        #expect(refused.stream == nil && refused.diagnostics.map { $0.location?.line } == [2])
        #expect(ExperimentLoader.loadStream(source: " ", file: "body").diagnostics.map(\.message) == ["the traffic stream is empty"])
        #expect(ExperimentLoader.loadStream(source: "[1, 2]", file: "body").hasErrors)
    }
}
