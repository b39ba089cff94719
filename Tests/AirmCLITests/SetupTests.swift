import Foundation
import Testing

/// What a repository set up for people relies on: the committed schema, `airm init`'s files and
/// `--color`.
@Suite struct SetupTests {
    @Test func committedSchemaMatchesAirmSchema() async throws {
        let path = CLIHarness.repositoryRoot + "/schema/airm-experiment.schema.json"
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        let output = await CLIHarness.run(["schema"], in: CLIHarness.repositoryRoot)
        #expect(output.exitCode == 0)
        #expect(output.stdout == committed, "schema/airm-experiment.schema.json is stale: run `airm schema > schema/airm-experiment.schema.json`")
    }

    @Test func initPointsTheExampleAtTheSchemaItWrites() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(await CLIHarness.run(["init"], in: work).exitCode == 0)
        let example = try String(contentsOfFile: work + "/experiments/provider-outage.yaml", encoding: .utf8)
        #expect(example.hasPrefix("# yaml-language-server: $schema=../schema/airm-experiment.schema.json\n"))
        let schema = try String(contentsOfFile: work + "/schema/airm-experiment.schema.json", encoding: .utf8)
        #expect(schema == (await CLIHarness.run(["schema"], in: work)).stdout)
        let workflow = try String(contentsOfFile: work + "/.github/workflows/airm.yml", encoding: .utf8)
        #expect(workflow.contains("uses: airm-dev/airm@main"))
    }

    @Test func initAppendsToAnExistingGitignoreOnce() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try "node_modules/\n/.airm\n".write(toFile: work + "/.gitignore", atomically: true, encoding: .utf8)
        let first = await CLIHarness.run(["init"], in: work)
        #expect(first.stdout.contains("updated  .gitignore"))
        #expect(try String(contentsOfFile: work + "/.gitignore", encoding: .utf8) == "node_modules/\n/.airm\nreports/\n")
        let second = await CLIHarness.run(["init"], in: work)
        #expect(!second.stdout.contains(".gitignore"))
        #expect(try String(contentsOfFile: work + "/.gitignore", encoding: .utf8) == "node_modules/\n/.airm\nreports/\n")
    }

    @Test func initKeepsAGitignoreThatAlreadyIgnoresBoth() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try "reports/*\n!reports/README.md\n.airm/\n".write(toFile: work + "/.gitignore", atomically: true, encoding: .utf8)
        let output = await CLIHarness.run(["init"], in: work)
        #expect(!output.stdout.contains(".gitignore"))
        #expect(try String(contentsOfFile: work + "/.gitignore", encoding: .utf8) == "reports/*\n!reports/README.md\n.airm/\n")
    }

    @Test func initCompletesALastLineWithoutNewline() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try "*.log".write(toFile: work + "/.gitignore", atomically: true, encoding: .utf8)
        #expect(await CLIHarness.run(["init"], in: work).exitCode == 0)
        #expect(try String(contentsOfFile: work + "/.gitignore", encoding: .utf8) == "*.log\nreports/\n.airm/\n")
    }

    @Test(arguments: [("always", true), ("never", false), ("auto", false)])
    func colorOptionDecidesOverNoColor(_ choice: String, _ coloured: Bool) async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(await CLIHarness.run(["init"], in: work).exitCode == 0)
        // The harness sets NO_COLOR, so only `always` colours.
        let run = await CLIHarness.run(["run", "--no-history", "--color", choice], in: work)
        #expect(run.exitCode == 0)
        #expect(run.stdout.contains("\u{1B}[32mPASS\u{1B}[0m") == coloured, "\(run.stdout)")
    }

    @Test func unknownColorChoiceIsAUsageError() async throws {
        let run = await CLIHarness.run(["run", "--color", "sometimes"], in: CLIHarness.temporaryDirectory())
        #expect(run.exitCode == 2)
    }
}
