import AirmReports
import Foundation
import Testing

/// The `--<format> FILE` options that come from the report catalog rather than from declared options.
@Suite struct ReportFormatOptionTests {
    let examples = CLIHarness.repositoryRoot + "/experiments"

    @Test func ctrfIsWrittenInBothSpellingsAndByReport() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let run = await CLIHarness.run(["run", "--no-history", "--quiet", "--out", "out", "--ctrf", "a.json",
                                        examples + "/latency-spike.yaml", "--ctrf=b/c.json"], in: work)
        #expect(run.exitCode == 0, "\(run.stderr)")
        // The last one given wins, as for a repeated declared option.
        #expect(!FileManager.default.fileExists(atPath: "\(work)/a.json"))
        let written = try String(contentsOfFile: "\(work)/b/c.json", encoding: .utf8)
        #expect(written.contains("\"reportFormat\" : \"CTRF\""))
        #expect(run.stdout.contains("  b/c.json\n"))

        let report = await CLIHarness.run(["report", "--ctrf", "again.json", "out/latency-spike.json"], in: work)
        #expect(report.exitCode == 0, "\(report.stderr)")
        #expect(report.stdout == "wrote again.json\n")
        let again = try String(contentsOfFile: "\(work)/again.json", encoding: .utf8)
        #expect(again.contains("\"name\" : \"airm\""))
    }

    @Test(arguments: [
        ["run", "--no-history", "--bogus", "x.yaml"],
        ["run", "--no-history", "x.yaml", "--ctrf"],
        ["report", "--bogus", "r.json"],
        ["report"],
        ["report", "a.json", "b.json"],
    ])
    func unknownOrIncompleteOptionsAreUsageErrors(_ arguments: [String]) async {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(arguments, in: work)
        #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpListsTheCatalogsOtherFormats() async {
        let result = await CLIHarness.run(["run", "--help"], in: CLIHarness.repositoryRoot)
        for format in ReportFormat.all where !["junit", "html", "markdown"].contains(format.name) {
            #expect(result.stdout.contains("--\(format.name) <file>"), "\(result.stdout)")
        }
        #expect(result.stdout.contains("--junit <junit>"))
    }
}
