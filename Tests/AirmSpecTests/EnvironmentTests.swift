import Testing
@testable import AirmSpec

@Suite struct EnvironmentTests {
    @Test(arguments: [
        ("plain", "plain", [String]()), ("${A}", "alpha", []), ("x-${A}-y", "x-alpha-y", []),
        ("${MISSING}", "", ["MISSING"]), ("${MISSING:-fallback}", "fallback", []), ("${A:-fallback}", "alpha", []),
        ("${EMPTY:-used}", "used", []), ("$${A}", "${A}", []), ("cost $5", "cost $5", []), ("${A}${B}", "alphabeta", []),
    ])
    func expands(text: String, value: String, missing: [String]) throws {
        let expansion = try EnvironmentExpander.expand(text, environment: ["A": "alpha", "B": "beta", "EMPTY": ""]).get()
        #expect(expansion.value == value)
        #expect(expansion.missing == missing)
    }

    @Test(arguments: ["${A", "${}", "${1X}", "${A B}"])
    func rejects(text: String) {
        #expect(!EnvironmentExpander.expand(text, environment: [:]).isSuccess)
    }

    @Test func loaderUsesTheInjectedEnvironmentOnly() throws {
        let text = """
        name: env
        duration: ${RUN_FOR:-1m}
        providers:
          gemini:
            type: gemini
            endpoint: ${GEMINI_BASE_URL:-https://example.invalid}
            api_key: ${GEMINI_API_KEY}
        traffic:
          - rate: ${RATE}
        """
        let result = Support.load(text, environment: ["RATE": "5/s", "PATH": "ignored"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let experiment = try #require(result.experiment)
        #expect(experiment.duration == .seconds(60))
        #expect(experiment.providers[0].endpoint?.value == "https://example.invalid")
        #expect(experiment.providers[0].apiKey?.missing == ["GEMINI_API_KEY"])
        #expect(experiment.providers[0].apiKey?.value == "")
        #expect(experiment.providers[0].apiKey?.location.line == 7)
        guard case .rate(let rate, _) = experiment.traffic[0].shape else {
            Issue.record("not a rate stream")
            return
        }
        #expect(rate.perSecond == 5)

        let withKey = Support.load(text, environment: ["RATE": "5/s", "GEMINI_API_KEY": "k", "RUN_FOR": "2m"])
        #expect(withKey.experiment?.providers[0].apiKey?.value == "k")
        #expect(withKey.experiment?.providers[0].apiKey?.missing == [])
        #expect(withKey.experiment?.duration == .seconds(120))
    }

    @Test func unsetVariableInATypedValueIsAnError() {
        let result = Support.load("name: env\nduration: ${RUN_FOR}\nproviders: { gemini: { type: gemini } }\ntraffic: [ { rate: 1/s } ]\n")
        let error = result.diagnostics.first { $0.message.contains("RUN_FOR") }
        #expect(error?.severity == .error)
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 11)
    }
}
