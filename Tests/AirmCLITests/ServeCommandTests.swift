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
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [binary, binary.deletingLastPathComponent(), binary.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("airm").path }
        let fromBuild = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("airm").path }
        let airm = try #require((candidates + fromBuild).first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: airm)
        process.arguments = ["serve", "--simulate", "--config", Self.config, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
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
        var request = URLRequest(url: try #require(URL(string: address + "/ai/cohere")))
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"prompt": "hello"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains(#""provider":"cohere""#))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }
}
