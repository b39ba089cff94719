import Foundation
import Testing

/// Special files and names too long for a report file stop `validate` and `run` with exit 2.
@Suite(.timeLimit(.minutes(1))) struct InputLimitCLITests {
    @Test func aSymlinkToADeviceIsRefused() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createSymbolicLink(atPath: "\(work)/zero.yaml", withDestinationPath: "/dev/zero")
        for command in [["validate"], ["run", "--no-history", "--out", "\(work)/out"]] {
            let result = await CLIHarness.run(command + ["zero.yaml"], in: work)
            #expect(result.exitCode == 2, "\(command[0])")
            #expect((result.stdout + result.stderr).contains("zero.yaml:1:1: error: not a regular file"), "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func aNameTooLongForAFileIsALoadErrorNotAFailedRun() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = try String(contentsOfFile: "\(CLIHarness.repositoryRoot)/experiments/latency-spike.yaml", encoding: .utf8)
        try source.replacingOccurrences(of: "name: latency-spike", with: "name: " + String(repeating: "n", count: 251))
            .write(toFile: "\(work)/long.yaml", atomically: true, encoding: .utf8)
        let result = await CLIHarness.run(["run", "--no-history", "--out", "\(work)/out", "long.yaml"], in: work)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("long.yaml:8:7: error: experiment name is 251 characters long"), "\(result.stderr)")
    }
}
