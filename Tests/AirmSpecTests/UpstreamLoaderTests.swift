import Testing
@testable import AirmSpec

/// `providers.<name>.upstream` (docs/app-mode.md "Proxy mode").
@Suite struct UpstreamLoaderTests {
    static func file(_ upstream: String) -> String {
        AppModeLoaderTests.file.replacingOccurrences(of: "openai: { type: openai }", with: "openai: { type: openai, upstream: \(upstream) }")
    }

    @Test func anAbsoluteURLIsRead() throws {
        let result = Support.load(Self.file("https://api.openai.com"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let experiment = try #require(result.experiment)
        #expect(experiment.providers[0].upstream?.value == "https://api.openai.com")
        #expect(experiment.providers[1].upstream == nil)
    }

    @Test(arguments: ["api.openai.com", "ftp://api.openai.com", "https://api.openai.com/v1?key=1", "\"${UNSET_UPSTREAM}\""])
    func anythingElseIsALocatedError(upstream: String) {
        let result = Support.load(Self.file(upstream))
        #expect(result.experiment == nil)
        let error = result.diagnostics.first { $0.severity == .error }
        #expect(error?.message.contains("`upstream` must be an absolute http or https URL") == true)
        #expect(error?.location?.line == 17)
    }

    @Test func outsideAppModeItIsIgnoredWithAWarning() throws {
        let text = """
        name: sim
        duration: 10s
        providers:
          openai: { type: openai, upstream: "http://127.0.0.1:9" }
        traffic: [ { rate: 1/s } ]
        """
        let result = Support.load(text)
        #expect(result.experiment?.providers[0].upstream?.value == "http://127.0.0.1:9")
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.message.contains("`mode: app` and `airm fake-providers --per-provider` only; simulated and live runs ignore it") == true)
    }
}
