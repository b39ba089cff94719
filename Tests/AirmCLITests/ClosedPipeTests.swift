import Foundation
import Testing

/// `airm run | head -1`: a reader that goes away ends console output only. The real binary
/// runs with SIGPIPE at its default action and a stdout whose read end is already closed.
@Suite struct ClosedPipeTests {
    @Test func aClosedStdoutLosesNoReportsNorHistory() throws {
        guard let airm = CLIHarness.binary else {
            Issue.record("airm binary not found next to the test bundle; run `swift build` first")
            return
        }
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let process = Process()
        let arguments = ["run", "--out", "\(work)/out", "--history", "\(work)/history.sqlite",
                         CLIHarness.repositoryRoot + "/experiments/gemini-outage.yaml"]
        #if os(Linux)
        // GNU `env --default-signal` undoes a SIGPIPE the test runner may ignore, so the binary
        // starts as it would under a shell.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=PIPE", airm] + arguments
        #else
        process.executableURL = URL(fileURLWithPath: airm)
        process.arguments = arguments
        #endif
        process.currentDirectoryURL = URL(fileURLWithPath: work)
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: "\(work)/out")) ?? []
        #expect(reports.contains("gemini-outage.json"), "\(reports)")
        #expect(reports.contains("junit.xml"), "\(reports)")
        #expect(FileManager.default.fileExists(atPath: "\(work)/history.sqlite"))
    }
}
