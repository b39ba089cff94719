import AirmEngine
import Foundation
import Testing

/// `airm run` behaviours that goldens cannot show: files written, determinism, CI summaries, history.
@Suite struct RunCommandTests {
    let examples = CLIHarness.repositoryRoot + "/experiments"

    @Test func sameSeedGivesByteIdenticalJSONAndJUnit() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        var outputs: [[Data]] = []
        for round in 0..<2 {
            let out = "\(work)/r\(round)"
            let result = await CLIHarness.run(
                ["run", "--no-history", "--timestamp", "2026-01-01T00:00:00Z", "--out", out, examples],
                in: work, environment: ["AIRM_HOSTNAME": "ci-host"])
            #expect(result.exitCode == 0, "\(result.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasSuffix(".html") }.sorted()
            outputs.append(try files.map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/\($0)")) })
        }
        #expect(outputs[0].count >= 6)
        #expect(outputs[0] == outputs[1])
    }

    @Test func differentSeedChangesTheResult() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = examples + "/gemini-outage.yaml"
        for seed in ["1", "2"] {
            _ = await CLIHarness.run(["run", "--no-history", "--seed", seed, "--timestamp", "2026-01-01T00:00:00Z",
                                      "--json", "\(work)/\(seed).json", "--out", "\(work)/out", file], in: work)
        }
        let one = try RunResult.decode(Data(contentsOf: URL(fileURLWithPath: "\(work)/1.json")))
        let two = try RunResult.decode(Data(contentsOf: URL(fileURLWithPath: "\(work)/2.json")))
        #expect(one.experiment.seed == 1 && two.experiment.seed == 2)
        #expect(one.summary.latencyMs != two.summary.latencyMs)
    }

    @Test func appendsMarkdownToTheGitHubStepSummary() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let summary = "\(work)/summary.md"
        try "earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
        let result = await CLIHarness.run(["run", "--no-history", "--out", "out", examples + "/gemini-outage.yaml"],
                                          in: work, environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(result.exitCode == 0)
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n"))
        #expect(text.contains("gemini-outage"))
        #expect(text.contains("| "))
    }

    @Test func reportRebuildsEveryFormatFromSavedJSON() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = await CLIHarness.run(["run", "--no-history", "--out", "out", examples + "/latency-spike.yaml"], in: work)
        let result = await CLIHarness.run(["report", "out/latency-spike.json", "--html", "again.html",
                                           "--junit", "again.xml", "--markdown", "again.md"], in: work)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: "\(work)/again.html", encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(html.contains("latency-spike"))
        let original = try String(contentsOfFile: "\(work)/out/latency-spike.html", encoding: .utf8)
        #expect(html == original)
        #expect(FileManager.default.fileExists(atPath: "\(work)/again.xml"))
        #expect(FileManager.default.fileExists(atPath: "\(work)/again.md"))
    }

    @Test func noHistoryLeavesNoDatabase() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = await CLIHarness.run(["run", "--no-history", "--out", "out", examples + "/latency-spike.yaml"], in: work)
        #expect(!FileManager.default.fileExists(atPath: "\(work)/.airm"))
    }

    @Test func historyThenCompareThenTrendInTheSecondReport() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = examples + "/latency-spike.yaml"
        for _ in 0..<2 { _ = await CLIHarness.run(["run", "--out", "out", file], in: work) }
        let history = await CLIHarness.run(["history"], in: work)
        #expect(history.exitCode == 0)
        #expect(history.stdout.components(separatedBy: "latency-spike").count - 1 == 2)
        let compare = await CLIHarness.run(["compare"], in: work)
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("compare run 1 with run 2"))
        let html = try String(contentsOfFile: "\(work)/out/latency-spike.html", encoding: .utf8)
        #expect(html.contains("History"))
    }

    @Test func corruptHistoryKeepsReportsAndExits3() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(atPath: "\(work)/.airm", withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: "\(work)/.airm/history.sqlite"))
        let result = await CLIHarness.run(["run", "--out", "out", examples + "/latency-spike.yaml"], in: work)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("history"))
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/latency-spike.json"))
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/latency-spike.html"))
    }

    @Test func scaffoldedExperimentRunsAndPasses() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(await CLIHarness.run(["init"], in: work).exitCode == 0)
        let run = await CLIHarness.run(["run", "--no-history"], in: work)
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("PASS provider-outage"))
    }
}
