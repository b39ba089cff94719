import AirmEngine
import AirmSpec
import CoreMetrics

extension GatewayMetrics: SampleRecorder {
    /// Records one of the run core's samples.
    public func record(_ sample: RunCore.Sample) {
        var recorder = self
        sample.record(into: &recorder)
    }

    /// Counts the request by outcome and, unless it was dropped (it never started), times it
    /// from arrival to outcome.
    public func record(_ request: RequestSample) {
        requests[request.outcome]?.increment()
        guard request.outcome != .dropped else { return }
        duration.recordNanoseconds(max(0, (request.endedAt - request.scheduledAt).nanoseconds))
    }

    public func record(_ attempt: AttemptSample) {
        let kind = switch attempt.result {
        case .success(let slow): slow ? "slow" : "success"
        case .failure(let error): error.rawValue
        }
        countAttempt(provider: attempt.provider, kind: kind)
    }

    public func recordRejection(provider: Int, at: TimeSpan) {
        countAttempt(provider: provider, kind: Self.rejectedKind)
    }

    /// Counts the transition and moves the provider's state gauges.
    public func record(_ transition: TransitionRecord) {
        Counter(label: MetricCatalog.breakerTransitions.name,
                dimensions: [("provider", transition.provider), ("from", transition.from.rawValue),
                             ("to", transition.to.rawValue)],
                factory: factory).increment()
        setBreaker(transition.provider, to: transition.to)
    }

    private func countAttempt(provider: Int, kind: String) {
        guard attempts.indices.contains(provider) else { return }
        attempts[provider][kind]?.increment()
    }
}
