import Foundation
import Testing

/// Proxy mode's guard (docs/app-mode.md "Proxy mode"): a non-loopback `upstream` counts toward
/// `budget.max_calls` as a live endpoint does, and the run is refused above it without `--yes`.
@Suite struct ProxyGuardTests {
    static func file(upstream: String) -> String {
        """
        name: proxied
        mode: app
        duration: 1m
        app:
          ready: { get: "http://127.0.0.1:1/health", within: 1s }
          request: { post: "http://127.0.0.1:1/chat", timeout: 1s }
        providers:
          gemini: { type: gemini, upstream: \(upstream) }
        traffic: [ { rate: 20/s } ]
        """
    }

    @Test func aRemoteUpstreamOverTheBudgetIsRefusedWithoutYes() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Self.file(upstream: "https://generativelanguage.googleapis.com")
            .write(toFile: "\(work)/proxied.yaml", atomically: true, encoding: .utf8)
        let result = await CLIHarness.run(["run", "--no-history", "--out", "out", "proxied.yaml"], in: work)
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("proxy mode expects about 1200 HTTP calls to non-loopback upstreams, at most 1200"))
        #expect(result.stderr.contains("up to 1200 HTTP calls to upstreams exceed budget.max_calls 1000"))
    }

    @Test func aLoopbackUpstreamIsNotCounted() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Self.file(upstream: "http://127.0.0.1:9")
            .write(toFile: "\(work)/proxied.yaml", atomically: true, encoding: .utf8)
        // The run starts (and fails: no app answers on port 1), without any budget line.
        let result = await CLIHarness.run(["run", "--no-history", "--out", "out", "proxied.yaml"], in: work)
        #expect(!result.stderr.contains("non-loopback upstreams"), "\(result.stderr)")
        #expect(result.stderr.contains("did not answer http://127.0.0.1:1/health"), "\(result.stderr)")
    }
}
