import AirmEngine
import AirmSpec

/// Applies the experiment's faults between the policy and a real provider client (DESIGN.md §4
/// "Faults", §8): the live counterpart of `AttemptModel`.
///
/// The driver asks the engine's `FaultSchedule` for the attempt's `FaultEffect`, exactly as the
/// simulator does, and this transport carries it out over the wire:
/// - injected answers (`error`, `rate_limit`) are the provider's native error response,
///   decoded by its own wire format, with no call sent; `unavailable` is a refused connection,
///   with no call sent; they come after the fault's `delay:`, else at once;
/// - `timeout` hangs until the attempt's time limit;
/// - `latency` delays the exchange by its added time before the call is sent;
/// - `stall` pauses the real answer `after` into it (at its end, if it is complete sooner);
/// - `corrupt` mutates the real body so the client's parser must detect it;
/// - `stream_cut` cuts the real stream after its time or token count (`connection`).
///
/// Whatever happens, the attempt ends within its time limit, as `timeout` when it runs out.
public struct FaultTransport: Sendable {
    public let provider: Provider.Kind
    public let client: any ProviderClient
    /// `client`, when it can alter a real exchange itself (cast once, not per call).
    let alterable: (any AlterableProviderClient)?

    public init(provider: Provider.Kind, client: any ProviderClient) {
        self.provider = provider
        self.client = client
        alterable = client as? any AlterableProviderClient
    }

    /// One attempt on the provider under `effect`; `fault` is the fault that decided the outcome
    /// (`effect.decidedBy`), for the parameters the effect does not carry (status, corruption).
    public func complete(_ request: CompletionRequest, timeout: TimeSpan, effect: FaultEffect,
                         fault: Fault?) async -> CompletionOutcome {
        let started = ContinuousClock.now
        let deadline = started + .nanoseconds(max(timeout.nanoseconds, 0))
        switch effect.outcome {
        case .hang:
            await sleep(until: deadline)
            return .failure(.timeout, retryAfter: nil, status: nil, message: "no answer within \(timeout) (injected hang)")
        case .answer(let kind, let after, let retryAfter):
            let wait = after + effect.addedDelay
            guard wait < timeout else { return await timedOut(until: deadline, timeout) }
            await sleep(until: started + .nanoseconds(wait.nanoseconds))
            return injected(kind, retryAfter: retryAfter, fault: fault)
        case .passThrough, .corrupt, .cut:
            // An alterable client pauses the answer itself; otherwise the stall delays the call.
            let stall = alterable == nil ? nil : effect.stall
            let delay = effect.addedDelay - (stall?.gap ?? .zero)
            guard delay < timeout else { return await timedOut(until: deadline, timeout) }
            if delay > .zero { await sleep(until: started + .nanoseconds(delay.nanoseconds)) }
            let remaining = timeout - delay
            let alteration = Self.alteration(effect.outcome, fault: fault)
            if let alterable {
                return await alterable.complete(request, timeout: remaining, altering: alteration, stall: stall)
            }
            return Self.apply(alteration, to: await client.complete(request, timeout: remaining))
        }
    }

    // MARK: - Injected answers

    /// The provider's native answer for an injected failure of `kind`; `unavailable` is a
    /// refused connection, which has no body.
    func injected(_ kind: ErrorKind, retryAfter: TimeSpan?, fault: Fault?) -> CompletionOutcome {
        if kind == .unavailable, Self.isRefusal(fault) {
            return .failure(.unavailable, retryAfter: nil, status: nil, message: "connection refused (injected)")
        }
        let status = Self.status(for: kind, fault: fault)
        let response = NativeErrors.response(provider, status: status, retryAfter: retryAfter)
        let decoded: CompletionOutcome
        if let alterable {
            decoded = alterable.decode(response)
        } else {
            decoded = .failure(kind, retryAfter: retryAfter, status: status, message: response.bodyText)
        }
        // The schedule's kind decides, so simulation and live classify the fault alike.
        guard case .failure(_, let wireRetry, let wireStatus, let message) = decoded else {
            return .failure(kind, retryAfter: retryAfter, status: status, message: "injected \(status)")
        }
        return .failure(kind, retryAfter: wireRetry ?? retryAfter, status: wireStatus ?? status, message: message)
    }

    /// Whether an injected `unavailable` is a refused connection (the `unavailable` fault, or an
    /// intermittent one failing as `unavailable`) rather than a 503 answer (`error` with status 503).
    static func isRefusal(_ fault: Fault?) -> Bool {
        switch fault?.kind {
        case .error: false
        case .intermittent(_, _, .error): false
        default: true
        }
    }

    /// The HTTP status an injected failure answers with.
    static func status(for kind: ErrorKind, fault: Fault?) -> Int {
        switch fault?.kind {
        case .error(let status): return status
        case .intermittent(_, _, .error(let status)): return status
        default: break
        }
        switch kind {
        case .rateLimited: return 429
        case .unavailable: return 503
        case .auth: return 401
        case .badRequest: return 400
        case .timeout: return 408
        default: return 500
        }
    }

    // MARK: - Alterations

    static func alteration(_ outcome: FaultEffect.Outcome, fault: Fault?) -> Alteration {
        switch outcome {
        case .corrupt:
            if case .corrupt(let how) = fault?.kind { return .corrupt(how) }
            return .corrupt(.malformed)
        case .cut(let cut):
            return .cut(cut)
        case .passThrough, .answer, .hang:
            return .none
        }
    }

    /// For clients that cannot alter their exchange: the same classification, applied afterwards.
    static func apply(_ alteration: Alteration, to outcome: CompletionOutcome) -> CompletionOutcome {
        guard case .success = outcome else { return outcome }
        switch alteration {
        case .none: return outcome
        case .corrupt: return .failure(.corrupt, retryAfter: nil, status: 200, message: "corrupted body (injected)")
        case .cut: return .failure(.connection, retryAfter: nil, status: 200, message: "stream cut (injected)")
        }
    }

    // MARK: - Time

    private func sleep(until instant: ContinuousClock.Instant) async {
        try? await Task.sleep(until: instant, clock: .continuous)
    }

    private func timedOut(until deadline: ContinuousClock.Instant, _ timeout: TimeSpan) async -> CompletionOutcome {
        await sleep(until: deadline)
        return .failure(.timeout, retryAfter: nil, status: nil, message: "no answer within \(timeout)")
    }
}
