import AirmSpec
import Foundation
import Testing
@testable import AirmEngine

@Suite("RunResult building and JSON")
struct MetricsRunResultTests {
    static func experiment() -> Experiment {
        var experiment = MetricsFixtures.experiment(assertions: [
            Assertion(check: .breaker(provider: "gemini", .transition(to: .open, after: MetricsFixtures.start("gemini-outage"), within: .seconds(5)))),
            Assertion(check: .breaker(provider: "cohere", .never(.open))),
            Assertion(check: .expect(MetricsFixtures.expect("success_rate >= 90%", .successRate, .greaterOrEqual, 0.9)),
                      window: .during("gemini-outage")),
        ])
        experiment.faults.append(Fault(name: "everything-slow", target: .all, kind: .latency(delay: .seconds(2), jitter: .zero),
                                       at: MetricsFixtures.start("gemini-outage", .seconds(10)), end: .for(.seconds(20))))
        experiment.faults.append(Fault(name: "both-down", target: .providers(["gemini", "cohere"]), kind: .unavailable,
                                       at: .at(.seconds(150)), end: .until(TimeReference(anchor: .runEnd))))
        return experiment
    }

    static func recorder(_ experiment: Experiment) -> MetricsRecorder {
        MetricsFixtures.recorder(experiment, transitions: MetricsFixtures.outageTransitions) { r in
            for i in 0..<600 {
                let t = Double(i) * 0.3
                let down = t >= 32 && t < 63.5
                r.record(MetricsFixtures.request(i % 2, at: t, latency: down ? 0.6 : 0.45, down ? .fallback : .ok,
                                          attempts: down ? 1 : 1))
                if down {
                    r.recordRejection(provider: MetricsFixtures.gemini, at: .seconds(t))
                    r.record(MetricsFixtures.attempt(MetricsFixtures.cohere, at: t, latency: 0.6))
                } else {
                    r.record(MetricsFixtures.attempt(MetricsFixtures.gemini, at: t, latency: 0.45,
                                              t >= 30 && t < 32 ? .failure(.unavailable) : .success(slow: false)))
                }
            }
            r.record(MetricsFixtures.request(at: 100, .dropped))
        }
    }

    static func build(verdict: RunResult.Verdict? = nil) -> RunResult {
        let experiment = experiment()
        return RunResultBuilder.build(plan: Plan(experiment), recorder: recorder(experiment), endedAt: .seconds(180.45),
                                      finalStates: [.closed, .closed], startedAt: "2026-01-01T00:00:00Z",
                                      verdictOverride: verdict)
    }

    @Test("the builder fills every section of the result")
    func sections() throws {
        let result = Self.build()
        #expect(result.format == "airm-result/1")
        #expect(result.experiment == RunResult.ExperimentInfo(name: "gemini-outage", description: "A 30 s Gemini outage",
                                                               file: "experiments/gemini-outage.yaml", seed: 42,
                                                               mode: .simulated, durationMs: 180_000))
        #expect(result.airmVersion == Airm.version)
        #expect(result.source == "version: 1\nname: gemini-outage\n")
        #expect(result.startedAt == "2026-01-01T00:00:00Z")
        #expect(result.summary.requests == 601)
        #expect(result.summary.dropped == 1)
        #expect(result.summary.ok + result.summary.fallback == 600)
        #expect(result.summary.successRate == Rounding.three(600.0 / 601))
        #expect(abs(result.summary.latencyMs.max - 600) < 0.001)
        let gemini = try #require(result.providers["gemini"])
        #expect(gemini.errors == ["unavailable": 7])
        #expect(gemini.rejected == 105)
        #expect(gemini.calls == 495)
        let cohere = try #require(result.providers["cohere"])
        #expect(cohere.errors.isEmpty)
        #expect(cohere.calls == 105)
        #expect(result.transitions.map(\.atMs) == [32_000, 62_000, 63_500])
        #expect(result.transitions.map(\.to) == [.open, .halfOpen, .closed])
        #expect(result.transitions[0].reason == "5 consecutive failures")
        #expect(result.assertions.map(\.passed) == [true, true, true])
        #expect(result.verdict == .passed)
        #expect(result.series.bucketMs == 1000)
        #expect(result.series.buckets.count == 181)
        #expect(result.series.buckets[40].providers["gemini"]?.state == "open")
        #expect(result.faults == [
            RunResult.FaultWindow(name: "gemini-outage", target: "gemini", type: "unavailable", startMs: 30_000, endMs: 60_000),
            RunResult.FaultWindow(name: "everything-slow", target: "*", type: "latency", startMs: 40_000, endMs: 60_000),
            RunResult.FaultWindow(name: "both-down", target: "gemini,cohere", type: "unavailable", startMs: 150_000, endMs: 180_000),
        ])
    }

    @Test("the verdict fails with any failed assertion, and can be overridden")
    func verdict() {
        var experiment = Self.experiment()
        experiment.assertions.append(Assertion(check: .breaker(provider: "gemini", .never(.open))))
        let failed = RunResultBuilder.build(plan: Plan(experiment), recorder: Self.recorder(experiment),
                                            endedAt: experiment.duration, finalStates: [.closed, .closed], startedAt: "x")
        #expect(failed.verdict == .failed)
        #expect(Self.build(verdict: .interrupted).verdict == .interrupted)
    }

    @Test("JSON round-trips and the same inputs encode to the same bytes")
    func roundTrip() throws {
        let first = try Self.build().jsonData()
        let second = try Self.build().jsonData()
        #expect(first == second)
        let decoded = try RunResult.decode(first)
        #expect(decoded == Self.build())
        #expect(try decoded.jsonData() == first)
        let text = try #require(String(data: first, encoding: .utf8))
        #expect(text.contains("\"file\" : \"experiments/gemini-outage.yaml\""))
    }

    @Test("a result written before histograms existed still reads, without them")
    func readsResultsWithoutHistograms() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Self.build().jsonData()) as? [String: Any])
        object["histograms"] = nil
        let decoded = try RunResult.decode(try JSONSerialization.data(withJSONObject: object))
        #expect(decoded.histograms == nil)
        #expect(decoded.summary == Self.build().summary)
    }

    @Test("JSON field names are those of docs/result-format.md")
    func fieldNames() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Self.build().jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["format", "experiment", "airm_version", "source", "verdict", "started_at", "summary",
                                     "providers", "transitions", "assertions", "series", "faults", "histograms"])
        let histograms = try #require(object["histograms"] as? [String: Any])
        #expect(Set(histograms.keys) == ["latency", "answered_latency", "providers"])
        #expect(Set((histograms["providers"] as? [String: Any])?.keys ?? [:].keys) == ["gemini", "cohere"])
        let experiment = try #require(object["experiment"] as? [String: Any])
        #expect(Set(experiment.keys) == ["name", "description", "file", "seed", "mode", "duration_ms"])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["requests", "ok", "fallback", "degraded", "failed", "dropped", "success_rate",
                                      "availability", "latency_ms", "answered_latency_ms"])
        let latency = try #require(summary["latency_ms"] as? [String: Any])
        #expect(Set(latency.keys) == ["p50", "p90", "p95", "p99", "max", "mean"])
        let providers = try #require(object["providers"] as? [String: Any])
        let gemini = try #require(providers["gemini"] as? [String: Any])
        #expect(Set(gemini.keys) == ["calls", "successes", "rejected", "errors", "latency_ms"])
        let transition = try #require((object["transitions"] as? [[String: Any]])?.first)
        #expect(Set(transition.keys) == ["provider", "at_ms", "from", "to", "reason"])
        let assertion = try #require((object["assertions"] as? [[String: Any]])?.first)
        #expect(Set(assertion.keys).isSuperset(of: ["name", "kind", "passed", "expected", "observed", "message", "line"]))
        #expect(Set(assertion.keys).isSubset(of: ["name", "kind", "passed", "expected", "observed", "message", "line",
                                                  "provider", "deadline_ms", "not_evaluated"]))
        let series = try #require(object["series"] as? [String: Any])
        #expect(Set(series.keys) == ["bucket_ms", "buckets"])
        let bucket = try #require((series["buckets"] as? [[String: Any]])?.first)
        #expect(Set(bucket.keys) == ["start_ms", "ok", "fallback", "degraded", "failed", "dropped", "latency_ms", "providers"])
        #expect(Set((bucket["latency_ms"] as? [String: Any])?.keys ?? [:].keys) == ["p50", "p95", "p99", "max"])
        let bucketProvider = try #require((bucket["providers"] as? [String: Any])?["gemini"] as? [String: Any])
        #expect(Set(bucketProvider.keys) == ["calls", "successes", "rejected", "errors", "state"])
        let fault = try #require((object["faults"] as? [[String: Any]])?.first)
        #expect(Set(fault.keys) == ["name", "target", "type", "start_ms", "end_ms"])
    }

    @Test("experiment.description is written as null when the file has none, and reads back")
    func descriptionAlwaysPresent() throws {
        var result = Self.build()
        result.experiment.description = nil
        let data = try result.jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let experiment = try #require(object["experiment"] as? [String: Any])
        #expect(Set(experiment.keys) == ["name", "description", "file", "seed", "mode", "duration_ms"])
        #expect(experiment["description"] is NSNull)
        #expect(try RunResult.decode(data) == result)
    }

    @Test("numbers are rounded to 3 decimals")
    func rounding() throws {
        var experiment = Self.experiment()
        experiment.duration = .milliseconds(180_000.0004)
        let recorder = MetricsFixtures.recorder(experiment, transitions: [MetricsFixtures.transition(at: 1.23456789, .closed, .open)]) { r in
            r.record(MetricsFixtures.request(at: 1, latency: 0.123456))
        }
        let result = RunResultBuilder.build(plan: Plan(experiment), recorder: recorder, endedAt: experiment.duration,
                                            finalStates: [.open, .closed], startedAt: "x")
        #expect(result.experiment.durationMs == 180_000)
        #expect(result.transitions[0].atMs == 1234.568)
        #expect(result.summary.latencyMs.max == 123.456)
        #expect(result.summary.latencyMs.p50 == 123.456)
    }
}
