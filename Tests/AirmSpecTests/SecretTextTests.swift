import Testing
@testable import AirmSpec

/// Keys written into a file are warned about at their line and never kept in `Experiment.source`.
@Suite struct SecretTextTests {
    @Test(arguments: [
        ("${GEMINI_API_KEY}", false), ("${A}${B}", false), (" ${KEY} ", false),
        ("sk-literal", true), ("${KEY:-sk-default}", true), ("prefix-${KEY}", true), ("${KEY", true),
    ])
    func exposes(_ raw: String, _ exposed: Bool) {
        #expect(SecretText.exposes(raw) == exposed)
    }

    static func load(_ key: String) -> LoadResult {
        Support.load(Support.minimal.replacingOccurrences(of: "  gemini:\n    type: gemini\n",
                                                          with: "  gemini:\n    type: gemini\n    api_key: \(key)\n"))
    }

    @Test func aLiteralKeyIsAWarningAtItsLineAndRedactedFromTheSource() throws {
        let result = Self.load("sk-literal-123")
        let experiment = try #require(result.experiment, "\(result.diagnostics)")
        let warning = try #require(result.diagnostics.first { $0.severity == .warning && $0.message.contains("api_key") })
        #expect(warning.location?.line == 6)
        #expect(!experiment.source.contains("sk-literal-123"))
        #expect(experiment.source.contains("api_key: <redacted>"))
        #expect(experiment.providers.first { $0.name == "gemini" }?.apiKey?.value == "sk-literal-123")
    }

    @Test func aDefaultInsideAVariableIsRedactedToo() throws {
        let result = Self.load("\"${GEMINI_KEY:-sk-default-456}\"")
        let experiment = try #require(result.experiment)
        #expect(!experiment.source.contains("sk-default-456"))
        #expect(result.diagnostics.contains { $0.severity == .warning })
    }

    @Test func aVariableReferenceStaysAsWritten() throws {
        let result = Self.load("${GEMINI_API_KEY}")
        let experiment = try #require(result.experiment)
        #expect(experiment.source.contains("api_key: ${GEMINI_API_KEY}"))
        #expect(!result.diagnostics.contains { $0.severity == .warning })
    }
}

/// Texts kept by earlier versions, redacted without loading them as experiments.
@Suite struct SecretSourceTests {
    @Test func everyExposedKeyInATextIsRedacted() {
        let text = "providers:\n  a: {type: openai, api_key: sk-one}\n  b:\n    api_key: '${K:-sk-two}'\n  c:\n    api_key: ${K}\n"
        let redacted = ExperimentLoader.redactingKeys(in: text)
        #expect(!redacted.contains("sk-one"))
        #expect(!redacted.contains("sk-two"))
        #expect(redacted.contains("api_key: ${K}"))
    }

    @Test func aTextThatIsNoLongerYAMLHasItsKeyLinesCut() {
        let redacted = ExperimentLoader.redactingKeys(in: "a: [\n  api_key: sk-three\n  api_key: ${K}\n")
        #expect(!redacted.contains("sk-three"))
        #expect(redacted.contains("api_key: ${K}"))
    }
}
