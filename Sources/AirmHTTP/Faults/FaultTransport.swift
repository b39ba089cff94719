import AirmEngine
import AirmSpec

/// Applies the experiment's faults between the policy and a real provider client
/// (docs/experiment-format.md "faults"): the live counterpart of `AttemptModel`.
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
/// - `stream_cut` cuts the real stream after its time or token count (`connection`);
/// - `reset` fails as `connection` before any call, or aborts the real call after its time or
///   token count.
///
/// What each type's outcome becomes on the wire is the type's own `FaultDelivery`.
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

    /// Where the client sends its calls (scheme, host, port, path prefix; never a key), when it
    /// talks HTTP: what a failure's cause names.
    public var endpoint: String? { (client as? any HTTPEndpoint)?.baseURL }

    /// One attempt on the provider under `effect`; `fault` is the fault that decided the outcome
    /// (`effect.decidedBy`), whose type says how the outcome is delivered (status, corruption).
    public func complete(_ request: CompletionRequest, timeout: TimeSpan, effect: FaultEffect,
                         fault: Fault?) async -> CompletionOutcome {
        let delivery = Self.delivery(of: effect.outcome, fault: fault)
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
            return injected(kind, retryAfter: retryAfter, delivery: delivery)
        case .passThrough, .corrupt, .cut:
            // An alterable client pauses the answer itself; otherwise the stall delays the call.
            let stall = alterable == nil ? nil : effect.stall
            let delay = effect.addedDelay - (stall?.gap ?? .zero)
            guard delay < timeout else { return await timedOut(until: deadline, timeout) }
            if delay > .zero { await sleep(until: started + .nanoseconds(delay.nanoseconds)) }
            let remaining = timeout - delay
            let alteration = Self.alteration(delivery)
            if let alterable {
                let outcome = await alterable.complete(request, timeout: remaining, altering: alteration, stall: stall)
                return Self.marked(outcome, delivery)
            }
            return Self.apply(delivery, to: await client.complete(request, timeout: remaining))
        }
    }

    // MARK: - Injected answers

    /// How the deciding fault's type delivers `outcome`.
    static func delivery(of outcome: FaultEffect.Outcome, fault: Fault?) -> FaultDelivery {
        (fault?.kind as? any FaultBehavior)?.delivery(of: outcome) ?? .standard(for: outcome)
    }

    /// The provider's native answer for an injected failure of `kind`; a refused or reset
    /// connection has no body.
    func injected(_ kind: ErrorKind, retryAfter: TimeSpan?, delivery: FaultDelivery) -> CompletionOutcome {
        let status: Int
        switch delivery {
        case .refuse:
            return .failure(kind, retryAfter: nil, status: nil, message: "connection refused (injected)")
        case .reset, .resetAfter:
            return .failure(kind, retryAfter: nil, status: nil, message: "connection reset by peer (injected)")
        case .respond(let code):
            status = code
        case .real, .hang, .corrupt, .cut, .endAfter:
            status = FaultDelivery.status(for: kind)
        }
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

    // MARK: - Alterations

    /// What the client does to the real exchange: a reset mid-answer aborts the call there, as
    /// a cut does.
    static func alteration(_ delivery: FaultDelivery) -> Alteration {
        switch delivery {
        case .corrupt(let how): .corrupt(how)
        case .cut(let cut), .endAfter(let cut), .resetAfter(let cut): .cut(cut)
        case .real, .respond, .refuse, .reset, .hang: .none
        }
    }

    /// A reset mid-answer reads as one in the outcome's message.
    static func marked(_ outcome: CompletionOutcome, _ delivery: FaultDelivery) -> CompletionOutcome {
        guard case .resetAfter = delivery, case .failure(.connection, let retryAfter, let status, let message) = outcome else { return outcome }
        return .failure(.connection, retryAfter: retryAfter, status: status, message: "connection reset by peer (injected): " + message)
    }

    /// For clients that cannot alter their exchange: the same classification, applied afterwards.
    static func apply(_ delivery: FaultDelivery, to outcome: CompletionOutcome) -> CompletionOutcome {
        guard case .success = outcome else { return outcome }
        switch delivery {
        case .corrupt: return .failure(.corrupt, retryAfter: nil, status: 200, message: "corrupted body (injected)")
        case .cut, .endAfter: return .failure(.connection, retryAfter: nil, status: 200, message: "stream cut (injected)")
        case .resetAfter: return .failure(.connection, retryAfter: nil, status: 200, message: "connection reset by peer (injected)")
        case .real, .respond, .refuse, .reset, .hang: return outcome
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
