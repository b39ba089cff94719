import AirmCLI
import Foundation
import Testing

/// A live run never writes its API key: a unique canary key appears in no output, report,
/// JSON, JUnit, Markdown or history file.
@Suite struct LiveCanaryTests {
    @Test func canaryKeyAppearsNowhere() async throws {
        let canary = "airm-canary-" + UUID().uuidString
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withLiveFake { port in
            try liveExperiment(port: port).write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
            let output = await CLIHarness.run(
                ["run", "live.yaml", "--out", "reports", "--junit", "extra/junit.xml", "--markdown", "extra/summary.md",
                 "--history", "history/runs.sqlite"],
                in: directory, environment: ["CANARY": canary, "GITHUB_STEP_SUMMARY": directory + "/step-summary.md"])
            #expect(output.exitCode == 0, "\(output.stderr)")
            #expect(!output.stdout.contains(canary))
            #expect(!output.stderr.contains(canary))
        }
        let files = allFiles(under: directory)
        #expect(files.contains { $0.hasSuffix("reports/live-canary.json") })
        #expect(files.contains { $0.hasSuffix("history/runs.sqlite") })
        let json = try String(contentsOfFile: directory + "/reports/live-canary.json", encoding: .utf8)
        #expect(json.contains("\"mode\" : \"live\"") || json.contains("\"mode\":\"live\""))
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(canary.utf8)) == nil, "the key leaked into \(file)")
        }
    }

    @Test func missingKeyVariableIsAnErrorNamingIt() async throws {
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try liveExperiment(port: 9).write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
        let output = await CLIHarness.run(["run", "live.yaml", "--no-history"], in: directory)
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("${CANARY}"))
    }

    @Test func nonLoopbackRunAboveTheBudgetIsRefusedWithoutYes() async throws {
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = liveExperiment(port: 9, duration: "60s", rate: "50/s")
            .replacingOccurrences(of: "endpoint: http://127.0.0.1:9", with: "endpoint: https://example.invalid")
        try source.write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
        let output = await CLIHarness.run(["run", "live.yaml", "--no-history"], in: directory, environment: ["CANARY": "k"])
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("expects about 3000 HTTP calls"))
        #expect(output.stderr.contains("--yes"))
    }

    /// The guard counts HTTP calls, not requests: retries and fallback can multiply them.
    @Test func theBudgetGuardUsesTheUpperBoundOfCalls() async throws {
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = liveExperiment(port: 9, duration: "10s", rate: "10/s")
            .replacingOccurrences(of: "endpoint: http://127.0.0.1:9", with: "endpoint: https://example.invalid")
            .replacingOccurrences(of: "policy:\n", with: "budget: { max_calls: 150 }\npolicy:\n  retry: { max_attempts: 2 }\n")
        try source.write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
        let output = await CLIHarness.run(["run", "live.yaml", "--no-history"], in: directory, environment: ["CANARY": "k"])
        #expect(output.exitCode == 2, "\(output.stderr)")
        #expect(output.stderr.contains("expects about 100 HTTP calls"), "\(output.stderr)")
        #expect(output.stderr.contains("at most 200"), "\(output.stderr)")
        #expect(output.stderr.contains("real, paid APIs"))
    }
}
