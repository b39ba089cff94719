import Foundation
import Testing

/// `airm compare` as a CI gate: exit codes, `--baseline`, `--force`, `--tolerance` and the formats.
@Suite struct CompareCommandTests {
    static let passing = try! String(
        contentsOf: GoldenCaseTests.sourceCasesDirectory.appendingPathComponent("run-pass/outage.yaml"), encoding: .utf8)
    /// The same experiment with an assertion that cannot hold: its verdict flips to failed.
    static let failing = passing.replacingOccurrences(of: "within: 2s", with: "within: 1ms")

    /// A directory with `outage.yaml` run once into `pass/`, recorded as run 1.
    private func workWithOneRun() async throws -> String {
        let work = CLIHarness.temporaryDirectory()
        try Self.passing.write(toFile: "\(work)/outage.yaml", atomically: true, encoding: .utf8)
        let run = await CLIHarness.run(["run", "--quiet", "--out", "pass", "outage.yaml"], in: work)
        try #require(run.exitCode == 0, "\(run.stderr)")
        return work
    }

    private func runFailingVariant(in work: String) async throws {
        try Self.failing.write(toFile: "\(work)/outage.yaml", atomically: true, encoding: .utf8)
        let run = await CLIHarness.run(["run", "--quiet", "--out", "fail", "outage.yaml"], in: work)
        try #require(run.exitCode == 1, "\(run.stdout)\(run.stderr)")
    }

    @Test func anUnchangedRunPassesTheGateAtZeroTolerance() async throws {
        let work = try await workWithOneRun()
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = await CLIHarness.run(["run", "--quiet", "--out", "pass", "outage.yaml"], in: work)
        let compare = await CLIHarness.run(
            ["compare", "--fail-on", "regression", "--tolerance", "p50=0,p95=0,p99=0,success_rate=0,availability=0",
             "--tolerance", "failed=0,time_to_open=0,time_to_close=0"], in: work)
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("regressions: none"))
        #expect(!compare.stdout.contains("worse"))
    }

    @Test func aDifferentFileNeedsForceThenAVerdictFlipFailsTheGate() async throws {
        let work = try await workWithOneRun()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try await runFailingVariant(in: work)

        let refused = await CLIHarness.run(["compare", "--fail-on", "regression"], in: work)
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.contains("run 1 and run 2 ran different versions of provider-outage's file"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Pass --force to compare them anyway."))
        #expect(refused.stdout.isEmpty)

        let forced = await CLIHarness.run(["compare", "--force", "--fail-on", "regression"], in: work)
        #expect(forced.exitCode == 1, "\(forced.stderr)")
        #expect(forced.stdout.contains("verdict: passed → failed"))
        #expect(forced.stderr.contains("regression"))

        let shown = await CLIHarness.run(["compare", "--force"], in: work)
        #expect(shown.exitCode == 0)
    }

    @Test func aSavedBaselineAgainstTheLatestRunOrACurrentFile() async throws {
        let work = try await workWithOneRun()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let same = await CLIHarness.run(["compare", "--baseline", "pass/provider-outage.json", "--fail-on", "regression"], in: work)
        #expect(same.exitCode == 0, "\(same.stderr)")
        #expect(same.stdout.hasPrefix("compare pass/provider-outage.json with run 1 (provider-outage)\n"))

        try await runFailingVariant(in: work)
        let latest = await CLIHarness.run(
            ["compare", "--baseline", "pass/provider-outage.json", "--force", "--fail-on", "regression"], in: work)
        #expect(latest.exitCode == 1)
        #expect(latest.stdout.hasPrefix("compare pass/provider-outage.json with run 2 (provider-outage)\n"))

        let files = await CLIHarness.run(
            ["compare", "--baseline", "pass/provider-outage.json", "--current", "fail/provider-outage.json",
             "--force", "--fail-on", "regression", "--format", "markdown", "--history", "none/history.sqlite"], in: work)
        #expect(files.exitCode == 1)
        #expect(files.stdout.hasPrefix("### airm compare: provider-outage\n"))
        #expect(files.stdout.contains("| verdict | passed | **failed** |"))
        #expect(!FileManager.default.fileExists(atPath: "\(work)/none"))
    }

    @Test func anUnreadableBaselineIsExit2() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try "{}".write(toFile: "\(work)/junit.xml", atomically: true, encoding: .utf8)
        let result = await CLIHarness.run(["compare", "--baseline", "junit.xml", "--current", "junit.xml"], in: work)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("junit.xml: not a readable airm result"))
    }

    @Test(arguments: [
        (["compare", "--tolerance", "p99=10"], "--tolerance `p99=10`: `10` has no unit"),
        (["compare", "--tolerance", "latency=5%"], "--tolerance `latency=5%`: no figure `latency`"),
        (["compare", "--current", "a.json"], "--current needs --baseline."),
        (["compare", "--baseline", "a.json", "1", "2"], "With --baseline, give at most one run id"),
        (["compare", "--fail-on", "worse"], "worse"),
    ])
    func usageErrorsAreExit2(arguments: [String], message: String) async {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(arguments, in: work)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}

/// `airm run` records whether the experiment file differed from its commit; `airm history` shows it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git"), "needs the git binary"))
struct DirtyHistoryTests {
    private func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "-c", "user.name=airm", "-c", "user.email=airm@example.invalid"]
            + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func historyShowsAnEditedFileAsDirty() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try CompareCommandTests.passing.write(toFile: "\(work)/outage.yaml", atomically: true, encoding: .utf8)
        try git(["init", "--quiet"], in: work)
        try git(["add", "outage.yaml"], in: work)
        try git(["commit", "--quiet", "-m", "outage"], in: work)
        _ = await CLIHarness.run(["run", "--quiet", "--out", "out", "outage.yaml"], in: work)
        try (CompareCommandTests.passing + "\n").write(toFile: "\(work)/outage.yaml", atomically: true, encoding: .utf8)
        _ = await CLIHarness.run(["run", "--quiet", "--out", "out", "outage.yaml"], in: work)

        let history = await CLIHarness.run(["history", "--format", "json"], in: work)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["git_dirty"] as? Bool } == [true, false])
        let table = await CLIHarness.run(["history"], in: work)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix("+dirty") && lines[1].contains("simulated"))
        #expect(!lines[2].hasSuffix("+dirty"))
    }
}
