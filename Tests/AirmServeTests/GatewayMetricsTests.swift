import AirmEngine
import AirmSpec
import Foundation
import Testing
@testable import AirmServe

@Suite struct GatewayMetricsTests {
    private func fed() -> GatewayMetrics {
        let metrics = GatewayMetrics(providers: ["gemini", "openai"])
        let samples: [RunCore.Sample] = [
            .request(RequestSample(stream: 0, scheduledAt: .seconds(1), endedAt: .seconds(1.3), outcome: .ok, attempts: 1)),
            .request(RequestSample(stream: 0, scheduledAt: .seconds(2), endedAt: .seconds(4), outcome: .failed, attempts: 3)),
            .request(RequestSample(stream: 0, scheduledAt: .seconds(5), endedAt: .seconds(5), outcome: .dropped, attempts: 0)),
            .attempt(AttemptSample(provider: 0, startedAt: .seconds(1), endedAt: .seconds(1.3), result: .success(slow: false))),
            .attempt(AttemptSample(provider: 0, startedAt: .seconds(2), endedAt: .seconds(3), result: .success(slow: true))),
            .attempt(AttemptSample(provider: 0, startedAt: .seconds(3), endedAt: .seconds(4), result: .failure(.unavailable))),
            .rejection(provider: 1, at: .seconds(4)),
            .transition(TransitionRecord(provider: "gemini", at: .seconds(4), from: .closed, to: .open, reason: "5 failures")),
            .transition(TransitionRecord(provider: "gemini", at: .seconds(9), from: .open, to: .halfOpen, reason: "wait over")),
        ]
        for sample in samples { metrics.record(sample) }
        metrics.faultStarted("outage")
        metrics.faultStarted("slow")
        metrics.faultEnded("slow")
        return metrics
    }

    @Test func countsRequestsByOutcome() {
        let exposition = Exposition(fed().exposition())
        #expect(exposition.value("airm_requests_total", ["outcome": "ok"]) == 1)
        #expect(exposition.value("airm_requests_total", ["outcome": "failed"]) == 1)
        #expect(exposition.value("airm_requests_total", ["outcome": "dropped"]) == 1)
        #expect(exposition.value("airm_requests_total", ["outcome": "fallback"]) == 0)
        #expect(exposition.value("airm_requests_total", ["outcome": "degraded"]) == 0)
    }

    @Test func timesRequestsThatStarted() throws {
        let exposition = Exposition(fed().exposition())
        #expect(exposition.value("airm_request_duration_seconds_count") == 2)
        let sum = try #require(exposition.value("airm_request_duration_seconds_sum"))
        #expect(abs(sum - 2.3) < 1e-9)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "0.25"]) == 0)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "0.5"]) == 1)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "1.0"]) == 1)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "2.5"]) == 2)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "+Inf"]) == 2)
        let buckets = exposition.samples.filter { $0.name == "airm_request_duration_seconds_bucket" }
        #expect(buckets.count == MetricCatalog.durationBuckets.count + 1)
    }

    @Test func countsAttemptsByProviderAndKind() {
        let exposition = Exposition(fed().exposition())
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "success"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "slow"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "unavailable"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "rejected"]) == 0)
        #expect(exposition.value("airm_attempts_total", ["provider": "openai", "kind": "rejected"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "openai", "kind": "success"]) == 0)
        let series = exposition.samples.filter { $0.name == "airm_attempts_total" }
        #expect(series.count == 2 * GatewayMetrics.attemptKinds.count)
    }

    @Test func breakerStateIsOneForTheCurrentStateOnly() {
        let exposition = Exposition(fed().exposition())
        for state in BreakerState.allCases {
            #expect(exposition.value("airm_breaker_state", ["provider": "gemini", "state": state.rawValue])
                == (state == .halfOpen ? 1 : 0))
            #expect(exposition.value("airm_breaker_state", ["provider": "openai", "state": state.rawValue])
                == (state == .closed ? 1 : 0))
        }
    }

    @Test func countsTransitionsAndActiveFaults() {
        let exposition = Exposition(fed().exposition())
        #expect(exposition.value("airm_breaker_transitions_total", ["provider": "gemini", "from": "closed", "to": "open"]) == 1)
        #expect(exposition.value("airm_breaker_transitions_total", ["provider": "gemini", "from": "open", "to": "half_open"]) == 1)
        #expect(exposition.samples.filter { $0.name == "airm_breaker_transitions_total" }.count == 2)
        #expect(exposition.value("airm_faults_active", ["fault": "outage"]) == 1)
        #expect(exposition.value("airm_faults_active", ["fault": "slow"]) == 0)
    }

    @Test func everyCatalogMetricHasHelpAndType() {
        let exposition = Exposition(fed().exposition())
        for entry in MetricCatalog.all {
            #expect(exposition.help[entry.name] == entry.help)
        }
        #expect(exposition.types["airm_requests_total"] == "counter")
        #expect(exposition.types["airm_attempts_total"] == "counter")
        #expect(exposition.types["airm_request_duration_seconds"] == "histogram")
        #expect(exposition.types["airm_breaker_state"] == "gauge")
        #expect(exposition.types["airm_breaker_transitions_total"] == "counter")
        #expect(exposition.types["airm_faults_active"] == "gauge")
    }

    @Test func gatewaysDoNotShareSeries() {
        _ = fed()
        let fresh = Exposition(GatewayMetrics(providers: ["gemini"]).exposition())
        #expect(fresh.value("airm_requests_total", ["outcome": "ok"]) == 0)
        #expect(fresh.value("airm_breaker_state", ["provider": "gemini", "state": "closed"]) == 1)
        #expect(fresh.samples.contains { $0.labels["provider"] == "openai" } == false)
    }

    @Test func recordsTheGatewaysEvents() {
        let metrics = GatewayMetrics(providers: ["gemini", "openai"])
        let call = CallRecord(id: 1, source: .api, requested: nil, provider: "gemini", outcome: .fallback, attempts: 2,
                              latency: .milliseconds(40), failure: nil, fault: "outage", prompt: "hi", answer: "hello")
        let fault = FaultStatus(index: 0, name: "outage", type: "unavailable", target: "gemini", origin: .injected,
                                start: .zero, end: .seconds(30))
        let opened = TransitionRecord(provider: "gemini", at: .seconds(1), from: .closed, to: .forcedOpen, reason: "forced")
        let kinds: [ServeEvent.Kind] = [
            .faultStarted(fault),
            .attempt(provider: "gemini", result: .failure(.unavailable), duration: .milliseconds(5)),
            .attempt(provider: "openai", result: .success(slow: false), duration: .milliseconds(30)),
            .call(call),
            .transition(opened),
            .breakerAction(provider: "gemini", action: .forceOpen, transition: opened),
            .rejection(provider: "gemini"),
            .faultStopped(fault, early: true),
        ]
        for kind in kinds { metrics.observe(ServeEvent(at: .seconds(1), date: Date(), kind: kind)) }
        let exposition = Exposition(metrics.exposition())
        #expect(exposition.value("airm_requests_total", ["outcome": "fallback"]) == 1)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "0.05"]) == 1)
        #expect(exposition.value("airm_request_duration_seconds_bucket", ["le": "0.025"]) == 0)
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "unavailable"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "gemini", "kind": "rejected"]) == 1)
        #expect(exposition.value("airm_attempts_total", ["provider": "openai", "kind": "success"]) == 1)
        #expect(exposition.value("airm_breaker_transitions_total", ["provider": "gemini", "from": "closed", "to": "forced_open"]) == 1)
        #expect(exposition.value("airm_breaker_state", ["provider": "gemini", "state": "forced_open"]) == 1)
        #expect(exposition.value("airm_breaker_state", ["provider": "gemini", "state": "closed"]) == 0)
        #expect(exposition.value("airm_faults_active", ["fault": "outage"]) == 0)
    }
}
