import AirmEngine
import AirmSpec

extension GatewayMetrics: SampleRecorder {
    /// Records one of the run core's samples.
    public func record(_ sample: RunCore.Sample) {
        var recorder = self
        sample.record(into: &recorder)
    }

    public func record(_ request: RequestSample) {
        recordRequest(outcome: request.outcome, latency: request.endedAt - request.scheduledAt)
    }

    public func record(_ attempt: AttemptSample) {
        guard providers.indices.contains(attempt.provider) else { return }
        recordAttempt(provider: providers[attempt.provider], result: attempt.result)
    }

    public func recordRejection(provider: Int, at: TimeSpan) {
        guard providers.indices.contains(provider) else { return }
        recordRejection(provider: providers[provider])
    }
}
