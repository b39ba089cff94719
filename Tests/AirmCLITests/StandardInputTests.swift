import AirmCLI
import AirmSpec
import Foundation
import Synchronization
import Testing

/// `-` reads the experiment from standard input for `validate`, `plan` and `run`.
@Suite struct StandardInputTests {
    final class Capture: Sendable {
        let out = Mutex("")
        let err = Mutex("")
    }

    static func run(_ arguments: [String], input: String, in directory: String) async -> (Int32, String, String) {
        let capture = Capture()
        var world = World(environment: ["NO_COLOR": "1"], currentDirectory: directory,
                          stdout: { text in capture.out.withLock { $0 += text } },
                          stderr: { text in capture.err.withLock { $0 += text } },
                          now: { Date(timeIntervalSince1970: 1_767_225_600) })
        world.standardInput = { (_: String) -> ExperimentSource.Outcome in .text(input) }
        let code = await AirmCommand.run(arguments: arguments, world: world)
        return (code, capture.out.withLock { $0 }, capture.err.withLock { $0 })
    }

    @Test func aDashReadsTheExperimentFromStandardInput() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let text = try String(contentsOfFile: CLIHarness.repositoryRoot + "/experiments/latency-spike.yaml", encoding: .utf8)

        let validate = await Self.run(["validate", "-"], input: text, in: work)
        #expect(validate.0 == 0, "\(validate.2)")
        let plan = await Self.run(["plan", "-"], input: text, in: work)
        #expect(plan.0 == 0, "\(plan.2)")
        #expect(plan.1.contains("latency-spike"))
        let run = await Self.run(["run", "--no-history", "--quiet", "--out", "out", "-"], input: text, in: work)
        #expect(run.0 == 0, "\(run.2)")
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/latency-spike.json"))
    }

    @Test func diagnosticsNameStandardInput() async {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await Self.run(["validate", "-"], input: "name: x\nduration: 1m\nbogus: 1\n", in: work)
        #expect(result.0 == 2)
        #expect((result.1 + result.2).contains("<stdin>:3:1: error: unknown key `bogus`"), "\(result.1)\(result.2)")
    }
}
