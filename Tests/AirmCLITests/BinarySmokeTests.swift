import Foundation
import Testing

/// One smoke test of the real `airm` binary, built alongside the tests.
@Suite struct BinarySmokeTests {
    @Test func versionAndValidateThroughTheRealBinary() throws {
        guard let airm = CLIHarness.binary else {
            Issue.record("airm binary not found next to the test bundle; run `swift build` first")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: airm)
        process.arguments = ["validate", CLIHarness.repositoryRoot + "/experiments"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("valid"))
    }
}
