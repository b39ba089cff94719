import AirmEngine
import Foundation
@testable import AirmStore

/// Hand-built results, the rows they are stored as, and scratch directories for the store's tests.
enum Fixtures {
    /// A run of `checkout-outage`: one fault from 30 s to 60 s on gemini, which opens 2.5 s after
    /// the fault starts and closes 4 s after it ends.
    static func result(
        name: String = "checkout-outage", verdict: RunResult.Verdict = .passed, startedAt: String = "2026-11-28T10:00:00Z",
        requests: Int = 1200, successRate: Double = 0.995, availability: Double = 1.0,
        p95: Double = 120, p99: Double = 250, openAt: Double = 32_500, closeAt: Double = 64_000,
        assertions: [RunResult.AssertionResult]? = nil
    ) -> RunResult {
        var summary = RunResult.Summary()
        summary.requests = requests
        summary.ok = requests
        summary.successRate = successRate
        summary.availability = availability
        summary.latencyMs = RunResult.Latency(p50: 80, p90: 100, p95: p95, p99: p99, max: 400, mean: 85)
        return RunResult(
            experiment: .init(name: name, description: nil, file: "experiments/\(name).yaml", seed: 42,
                              mode: .simulated, durationMs: 120_000),
            airmVersion: "0.1.0", source: "version: 1\nname: \(name)\n", verdict: verdict, startedAt: startedAt,
            summary: summary, providers: [:],
            transitions: [
                .init(provider: "gemini", atMs: openAt, from: .closed, to: .open, reason: "5 consecutive failures"),
                .init(provider: "gemini", atMs: openAt + 30_000, from: .open, to: .halfOpen, reason: "open_for 30s elapsed"),
                .init(provider: "gemini", atMs: closeAt, from: .halfOpen, to: .closed, reason: "2 of 2 probes succeeded"),
            ],
            assertions: assertions ?? [
                .init(name: "gemini opens within 5s after gemini-outage.start", kind: "opens", passed: true,
                      expected: "within 5s", observed: "2.5s", message: "gemini opened at 32.5s"),
                .init(name: "success_rate >= 99%", kind: "expect", passed: true,
                      expected: ">= 0.99", observed: "0.995", message: ""),
            ],
            series: Series(bucketMs: 1000, buckets: []),
            faults: [.init(name: "gemini-outage", target: "gemini", type: "unavailable", startMs: 30_000, endMs: 60_000)])
    }

    /// The history row every store must give back for the default `result()`, recorded as `id`
    /// with `gitCommit` on a dirty work tree.
    static func row(of result: RunResult, id: Int64, gitCommit: String) -> RunRow {
        RunRow(
            id: id, experiment: "checkout-outage", file: "experiments/checkout-outage.yaml",
            fileHash: ContentHash.sha256(result.source), seed: 42, mode: "simulated", verdict: "passed",
            startedAt: "2026-11-28T10:00:00Z", durationMs: 120_000, airmVersion: "0.1.0", gitCommit: gitCommit,
            requests: 1200, successRate: 0.995, availability: 1.0, p95Ms: 120, p99Ms: 250,
            timeToOpenAllMs: [2500], timeToCloseAllMs: [4000], p50Ms: 80, failed: 0, gitDirty: true)
    }

    /// One run as the airm before schema version 2 stored it, in SQL both back ends take.
    static let version1Run = """
        INSERT INTO runs (experiment, file, file_hash, seed, mode, verdict, started_at, duration_ms,
            airm_version, git_commit, requests, success_rate, availability, p95_ms, p99_ms,
            time_to_open_ms, time_to_open_all_ms, time_to_close_ms, time_to_close_all_ms)
        VALUES ('checkout-outage', 'experiments/checkout-outage.yaml', 'abc', '42', 'live', 'passed',
            '2026-11-28T10:00:00Z', 120000, '0.1.0', '0123456789abcdef0123456789abcdef01234567', 1200,
            0.995, 1.0, 120, 250, 2500, '[2500]', 4000, '[4000]')
        """

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("airm-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
