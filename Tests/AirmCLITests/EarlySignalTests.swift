#if os(Linux)
import AirmHTTP
import Foundation
import Testing

/// `airm run` catches SIGINT and SIGTERM from the first step of `main` (docs/cli.md "airm run"):
/// a signal any time after that, even before the experiment is loaded, ends the run with its
/// reports and exit 130, never the process by the signal.
///
/// `main` ignores SIGPIPE right after it starts catching the interrupts, so the test waits
/// until `/proc/PID/status` shows SIGPIPE ignored, and then signals after 0 to 50 ms: the
/// outcome must be the same whatever the delay.
@Suite struct EarlySignalTests {
    static let delays = [0, 1, 5, 20, 50]

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalAsSoonAsMainStartsEndsTheRunWithItsReports(signal: Int32) async throws {
        guard let airm = CLIHarness.binary else {
            Issue.record("airm binary not found next to the test bundle; run `swift build` first")
            return
        }
        try await withLiveFake { port in
            for delay in Self.delays {
                let directory = CLIHarness.temporaryDirectory()
                defer { try? FileManager.default.removeItem(atPath: directory) }
                try liveExperiment(port: port, duration: "30s").write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
                let (reason, status) = try await Self.run(airm, in: directory, signal: signal, after: delay)
                #expect(reason == .exit, "delay \(delay) ms: ended by signal \(status)")
                #expect(status == 130, "delay \(delay) ms")
                let json = (try? String(contentsOfFile: directory + "/reports/live-canary.json", encoding: .utf8)) ?? ""
                #expect(json.contains("\"verdict\" : \"interrupted\""), "delay \(delay) ms")
                #expect(FileManager.default.fileExists(atPath: directory + "/reports/live-canary.html"), "delay \(delay) ms")
                #expect(FileManager.default.fileExists(atPath: directory + "/reports/junit.xml"), "delay \(delay) ms")
            }
        }
    }

    /// Runs `airm run live.yaml` in `directory` and sends it `signal` `delay` ms after its `main` began.
    static func run(_ airm: String, in directory: String, signal: Int32,
                    after delay: Int) async throws -> (Process.TerminationReason, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: airm)
        process.arguments = ["run", "live.yaml", "--out", "reports", "--no-history", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["CANARY": "test-key", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exits = try process.runAwaitingExit()
        let pid = process.processIdentifier
        while process.isRunning, !ignoresSIGPIPE(pid) {
            try await Task.sleep(for: .microseconds(100))
        }
        try await Task.sleep(for: .milliseconds(delay))
        kill(pid, signal)
        var statuses = exits.makeAsyncIterator()
        return await statuses.next() ?? (.exit, -1)
    }

    /// Whether process `pid` ignores SIGPIPE, from the `SigIgn` mask of `/proc/PID/status`.
    static func ignoresSIGPIPE(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigIgn:") }),
              let mask = UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(SIGPIPE - 1)) != 0
    }
}
#endif
