import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `airm serve`: refusals in process, and one smoke run of the real binary.
@Suite struct ServeCommandTests {
    static let config = CLIHarness.repositoryRoot + "/experiments/gemini-outage.yaml"

    @Test(arguments: ["0.0.0.0", "192.168.1.4"])
    func aNonLoopbackBindWithoutATokenExits2(_ host: String) async {
        let output = await CLIHarness.run(["serve", "--config", Self.config, "--host", host], in: CLIHarness.repositoryRoot)
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("refusing to bind \(host) without a token"))
        #expect(output.stderr.contains("AIRM_TOKEN"))
        #expect(output.stdout.isEmpty)
    }

    @Test func aBadConfigurationExits2WithLocatedDiagnostics() async throws {
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "providers:\n  a: { type: gemnii }\npolicy: { route: [a, b] }\n".write(toFile: directory + "/serve.yaml", atomically: true, encoding: .utf8)
        let output = await CLIHarness.run(["serve", "--config", "serve.yaml", "--port", "0"], in: directory)
        #expect(output.exitCode == 2)
        #expect(output.stderr.contains("serve.yaml:2:"))
        #expect(output.stderr.contains("serve.yaml:3:"))
        #expect(output.stderr.contains("2 errors, 0 warnings in 1 file"))
    }

    @Test func badFlagsAreUsageErrors() async {
        for flags in [["--port", "70000"], ["--ai-rate-limit", "fast"], ["--body-limit", "0"]] {
            let output = await CLIHarness.run(["serve", "--config", Self.config] + flags, in: CLIHarness.repositoryRoot)
            #expect(output.exitCode == 2, "\(flags)")
        }
    }

    @Test func theBinaryServesThenStopsOnSIGTERMWithExit0() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("airm-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let (process, address) = try await Self.serve(["--simulate", "--config", Self.config], stderr: try FileHandle(forWritingTo: log))
        defer { if process.isRunning { process.terminate() } }
        let (body, status) = try await Self.post(address + "/ai/cohere")
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains(#""provider":"cohere""#))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        // The log is written off the request path; every line, the last included, is out before the exit.
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("path=/ai/cohere") && $0.contains("status=200") })
        #expect(lines.last?.hasSuffix("[AirmServe] stopped") == true)
    }

    /// A standard error nobody reads (a stalled log collector) fills its pipe after a few hundred
    /// access log lines; the gateway goes on answering, and still stops on SIGTERM.
    @Test func aStalledStandardErrorHoldsUpNoAnswer() async throws {
        let directory = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "providers:\n  a: { type: openai, simulate: { latency: 1ms } }\n"
            .write(toFile: directory + "/serve.yaml", atomically: true, encoding: .utf8)
        let stderr = Pipe()
        let (process, address) = try await Self.serve(["--config", directory + "/serve.yaml", "--ai-rate-limit", "1000000/s"],
                                                      stderr: stderr.fileHandleForWriting)
        defer { if process.isRunning { process.terminate() } }
        // About 120 bytes a line: 1,500 lines are more than the pipe's 64 KiB.
        var answered = 0
        for _ in 0..<1500 {
            guard let (_, status) = try? await Self.post(address + "/ai", timeout: 10), status == 200 else { break }
            answered += 1
        }
        #expect(answered == 1500)
        // A gateway stuck writing its log would not stop on SIGTERM either.
        guard answered == 1500 else {
            kill(process.processIdentifier, SIGKILL)
            return
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    /// Starts the built `airm serve` on port 0 with `arguments`; its address once it listens.
    private static func serve(_ arguments: [String], stderr: FileHandle) async throws -> (Process, String) {
        let airm = try #require(CLIHarness.binary)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: airm)
        process.arguments = ["serve", "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = stderr
        try process.run()
        let line = await Task.detached { () -> String in
            var text = ""
            while !text.contains("\n") {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
            }
            return text
        }.value
        let address = try #require(line.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(address.hasPrefix("http://127.0.0.1:"))
        return (process, address)
    }

    private static func post(_ url: String, timeout: TimeInterval = 60) async throws -> (Data, Int?) {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"prompt": "hello"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        return (body, (response as? HTTPURLResponse)?.statusCode)
    }
}
