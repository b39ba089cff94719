extension GatewayMetrics: ServeObserver {
    /// Records a gateway event. A breaker action's transition arrives on its own as
    /// `.transition`, so the action itself is not counted again.
    public func observe(_ event: ServeEvent) {
        switch event.kind {
        case .call(let call): recordRequest(outcome: call.outcome, latency: call.latency)
        case .attempt(let provider, let result, _): recordAttempt(provider: provider, result: result)
        case .rejection(let provider): recordRejection(provider: provider)
        case .transition(let transition): record(transition)
        case .faultStarted(let fault): faultStarted(fault.name)
        case .faultStopped(let fault, _): faultEnded(fault.name)
        case .breakerAction, .automationStarted, .automationStopped: break
        }
    }
}
