import AirmHTTP
import AirmSpec
import Foundation
import Testing

/// The real `airm` binary, run live against the in-process fake and sent SIGINT halfway:
/// it stops arrivals, drains, writes every report with verdict `interrupted` and exits 130.
@Suite struct LiveInterruptTests {
    @Test func sigintHalfwayExits130WithReportsWritten() async throws {
        guard let airm = CLIHarness.binary else {
            Issue.record("airm binary not found next to the test bundle; run `swift build` first")
            return
        }
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let behavior = ScriptedBehavior([])
        let (code, stdout) = try await withLiveFake(behavior) { port in
            try liveExperiment(port: port, duration: "6s").write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: airm)
            process.arguments = ["run", "live.yaml", "--out", "reports", "--no-history"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ["CANARY": "test-key", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            let exits = try process.runAwaitingExit()
            // Halfway: once the fake has seen 30 of the 60 planned calls.
            while await behavior.calls.count < 30, process.isRunning {
                try await Task.sleep(for: .milliseconds(20))
            }
            process.interrupt()
            var statuses = exits.makeAsyncIterator()
            let status = await statuses.next()?.status ?? -1
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (status, text)
        }
        #expect(code == 130, "\(stdout)")
        // The whole-run assertions were not judged: the run stopped before their window ended.
        #expect(stdout.contains("interrupted by SIGINT at "), "\(stdout)")
        #expect(stdout.contains(": 0 held, 2 not evaluated"), "\(stdout)")
        #expect(stdout.contains("1 experiment: 1 interrupted"), "\(stdout)")
        let json = try String(contentsOfFile: directory + "/reports/live-canary.json", encoding: .utf8)
        #expect(json.contains("interrupted"))
        #expect(json.contains("\"not_evaluated\" : true"))
        #expect(json.contains("\"stopped_at_ms\""))
        #expect(FileManager.default.fileExists(atPath: directory + "/reports/live-canary.html"))
        let junit = try String(contentsOfFile: directory + "/reports/junit.xml", encoding: .utf8)
        #expect(junit.contains("live-canary"))
        #expect(junit.contains("<skipped message=\"not evaluated: the run stopped at"))
    }

    @Test func aSignalWhileTheLastCallsDrainLeavesTheVerdict() async throws {
        guard let airm = CLIHarness.binary else {
            Issue.record("airm binary not found next to the test bundle; run `swift build` first")
            return
        }
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let gate = GatedBehavior()
        let code = try await withLiveFake(gate) { port in
            try liveExperiment(port: port, duration: "1s").write(toFile: directory + "/live.yaml", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: airm)
            process.arguments = ["run", "live.yaml", "--out", "reports", "--no-history", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = ["CANARY": "test-key", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let exits = try process.runAwaitingExit()
            // All 10 planned calls have been sent (the last at 900 ms) and are held; 300 ms later the
            // run's 1 s are over, whatever the load: only the drain is left.
            while await gate.held < 10, process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .milliseconds(300))
            process.interrupt()
            try await Task.sleep(for: .milliseconds(100))
            await gate.open()
            var statuses = exits.makeAsyncIterator()
            return await statuses.next()?.status ?? -1
        }
        let json = try String(contentsOfFile: directory + "/reports/live-canary.json", encoding: .utf8)
        #expect(!json.contains("\"verdict\" : \"interrupted\""), "\(json.prefix(400))")
        let passed = json.contains("\"verdict\" : \"passed\"")
        #expect(code == (passed ? 0 : 1))
    }
}
