import AirmEngine
import AirmSpec

extension ProviderCall {
    /// What the caller sees of a decision: success, or the kind of failure.
    static func result(of decision: FakeDecision, effect: FaultEffect) -> AttemptResult {
        if case .answer(let kind, _, _) = effect.outcome { return .failure(kind) }
        switch decision.action {
        case .answer: return .success(slow: false)
        case .error(let status, _): return .failure(ErrorKind.forStatus(status) ?? .serverError)
        case .coldStart: return .failure(.unavailable)
        case .hang: return .failure(.timeout)
        case .close, .reset, .cut, .cutStream: return .failure(.connection)
        case .corrupt: return .failure(.corrupt)
        case .blocked: return .failure(.blocked)
        }
    }
}
