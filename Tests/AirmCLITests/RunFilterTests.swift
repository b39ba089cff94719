import Foundation
import Testing

/// `airm run --filter NAME` and report paths of `-`.
@Suite struct RunFilterTests {
    let examples = CLIHarness.repositoryRoot + "/experiments"

    @Test func filterRunsOnlyMatchingNames() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(["run", "--no-history", "--quiet", "--filter", "latency", "--filter", "storm",
                                           "--out", "out", examples], in: work)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: work + "/out").filter { $0.hasSuffix(".json") }.sorted()
        #expect(written == ["latency-spike.json", "rate-limit-storm.json"])
    }

    @Test func aFilterThatMatchesNothingListsTheNames() async {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(["run", "--no-history", "--filter", "nope", examples], in: work)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("no experiment name contains 'nope'"))
        #expect(result.stderr.contains("gemini-outage"))
    }

    @Test func aReportPathOfDashWritesToStandardOutput() async {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(["run", "--no-history", "--quiet", "--junit", "-", "--out", "out",
                                           examples + "/latency-spike.yaml"], in: work)
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("<testsuites>"))
        #expect(!FileManager.default.fileExists(atPath: work + "/-"))
    }
}
