import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation
import Testing

/// The app as a child process (docs/app-mode.md "A run, step by step").
@Suite struct AppProcessTests {
    static func logPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("airm-app-\(UUID().uuidString)-\(name).log").path
    }

    @Test func runsWithTheEnvironmentAndLogsItsOutput() async throws {
        let log = Self.logPath("env")
        let process = try AppProcess.start(command: "echo \"url=$FAKE_URL\"; pwd; echo oops >&2", environment: ["FAKE_URL": "http://127.0.0.1:1"],
                                           directory: "/tmp", logPath: log)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        await process.stop()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("url=http://127.0.0.1:1"))
        #expect(text.contains("/tmp"))
        #expect(text.contains("oops"))
        #expect(process.exitStatus == 0)
    }

    @Test func sigtermStopsAnAppThatListens() async throws {
        let process = try AppProcess.start(command: "sleep 30", environment: [:], directory: "/tmp", logPath: Self.logPath("term"))
        await process.stop(grace: .seconds(60))
        // Ended by SIGTERM itself, not by the SIGKILL after the grace.
        #expect(process.exitStatus == 128 + SIGTERM)
    }

    @Test func sigkillStopsAnAppThatIgnoresSigterm() async throws {
        let process = try AppProcess.start(command: "trap '' TERM; while true; do sleep 0.05; done", environment: [:],
                                           directory: "/tmp", logPath: Self.logPath("kill"))
        try await Task.sleep(for: .milliseconds(200))
        await process.stop(grace: .milliseconds(300))
        #expect(!process.isRunning)
        #expect(process.exitStatus == SIGKILL || process.exitStatus == 128 + SIGKILL)
    }

    @Test func theAppDoesNotHoldTheFakesListeners() async throws {
        let plan = try ProviderFakesTests.plan("  - { name: a, target: openai, type: error, at: 1s, for: 1s }")
        let fakes = ProviderFakes(plan)
        let endpoints = try await fakes.open()
        let process = try AppProcess.start(command: "sleep 30", environment: [:], directory: "/tmp", logPath: Self.logPath("fds"))
        await fakes.close()
        let http = ProviderClients.makeHTTPClient()
        // Had the child inherited the listening socket, the kernel would still accept the connection.
        let refused = await ProviderFakesTests.refuses(endpoints[0].url, http: http)
        try await http.shutdown()
        await process.stop()
        #expect(refused)
    }
}
