import AirmEngine
import Testing
@testable import AirmSpec

/// `--set PATH=VALUE`: applied before reading, checked like the file, errors naming the override.
@Suite struct OverridesTests {
    static func load(_ sets: [String]) -> LoadResult {
        let overrides = (try? Overrides.parse(sets).get()) ?? Overrides()
        return ExperimentLoader.load(source: Support.minimal, file: "e.yaml", environment: [:],
                                     faultTypes: FaultTypes.all, overrides: overrides)
    }

    @Test func aTopLevelValueIsReplaced() throws {
        let experiment = try #require(Self.load(["duration=90s"]).experiment)
        #expect(experiment.duration == .seconds(90))
        #expect(experiment.source.hasSuffix("# --set duration=90s\n"))
    }

    @Test func aNamedListItemIsPickedByName() throws {
        let experiment = try #require(Self.load(["traffic.chat.rate=5/s"]).experiment, "\(Self.load(["traffic.chat.rate=5/s"]).diagnostics)")
        guard case .rate(let rate, _) = experiment.traffic[0].shape else {
            Issue.record("not a rate: \(experiment.traffic[0].shape)")
            return
        }
        #expect(rate.perSecond == 5)
    }

    @Test func aBadValueIsLocatedAtTheOverride() {
        let result = Self.load(["duration=1x"])
        #expect(result.experiment == nil)
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(error?.description.hasPrefix("--set duration=1x: error: ") == true, "\(result.diagnostics)")
    }

    @Test func anUnknownItemNamesTheKnownOnes() {
        let result = Self.load(["traffic.nope.rate=1/s"])
        #expect(result.diagnostics.contains { $0.message == "no item named `nope` in this list (names: chat)" }, "\(result.diagnostics)")
    }

    @Test func missingKeysAreAddedAndCheckedAtTheOverride() throws {
        let experiment = try #require(Self.load(["policy.retry.max_attempts=4"]).experiment)
        #expect(experiment.policy.defaults.retry.maxAttempts == 4)
        let unknown = Self.load(["policy.nothing.here=1"])
        let error = unknown.diagnostics.first { $0.severity == .error }
        #expect(error?.description.hasPrefix("--set policy.nothing.here=1: error: ") == true, "\(unknown.diagnostics)")
    }

    @Test(arguments: ["foo", "=1s", "a..b=1", "a b=1"])
    func malformedOverridesAreRefused(_ text: String) {
        guard case .failure(let error) = Overrides.parse([text]) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.description.hasPrefix("--set \(text): "))
    }
}
