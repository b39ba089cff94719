import AirmEngine
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AirmServe

@Suite struct MetricsRoutesTests {
    @Test func servesTheExpositionAsPrometheusText() async throws {
        let metrics = GatewayMetrics(providers: ["gemini"])
        metrics.record(.request(RequestSample(stream: 0, scheduledAt: .zero, endedAt: .seconds(0.2), outcome: .ok, attempts: 1)))
        let router = Router()
        MetricsRoutes.add(to: router, metrics: metrics)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let exposition = Exposition(String(buffer: response.body))
                #expect(exposition.value("airm_requests_total", ["outcome": "ok"]) == 1)
                #expect(exposition.value("airm_breaker_state", ["provider": "gemini", "state": "closed"]) == 1)
            }
        }
    }
}
