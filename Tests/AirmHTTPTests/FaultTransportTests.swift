import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Testing

/// The fault transport over real sockets: each fault type, applied between the policy and the
/// real client of every provider type.
@Suite struct FaultTransportTests {
    static let timeout = TimeSpan.seconds(5)

    static func fault(_ kind: some FaultType) -> Fault { Fault(name: "f", target: .all, kind: kind) }

    static func transport(_ kind: Provider.Kind, port: Int, http: HTTPClient) -> FaultTransport {
        FaultTransport(provider: kind, client: client(kind, port: port, http: http))
    }

    // MARK: - Injected answers: no call sent

    @Test(arguments: liveKinds)
    func injectedErrorIsTheProvidersNativeBody(_ kind: Provider.Kind) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let effect = FaultEffect(outcome: .answer(.serverError, after: .zero, retryAfter: nil), decidedBy: 0)
            let outcome = await Self.transport(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout, effect: effect,
                          fault: Self.fault(.error(status: 502)))
            guard case .failure(let errorKind, let retryAfter, let status, _) = outcome else {
                Issue.record("\(kind): \(outcome)")
                return
            }
            #expect(errorKind == .serverError)
            #expect(status == 502)
            #expect(retryAfter == nil)
        }
        #expect(await behavior.calls.isEmpty)
    }

    @Test(arguments: liveKinds)
    func injectedRateLimitCarriesRetryAfter(_ kind: Provider.Kind) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let effect = FaultEffect(outcome: .answer(.rateLimited, after: .zero, retryAfter: .seconds(2)), decidedBy: 0)
            let outcome = await Self.transport(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout, effect: effect,
                          fault: Self.fault(.rateLimit(retryAfter: .seconds(2), limit: nil)))
            guard case .failure(let errorKind, let retryAfter, let status, _) = outcome else {
                Issue.record("\(kind): \(outcome)")
                return
            }
            #expect(errorKind == .rateLimited)
            #expect(status == 429)
            #expect(retryAfter == .seconds(2))
        }
        #expect(await behavior.calls.isEmpty)
    }

    @Test func unavailableIsARefusedConnectionWithNoCallSent() async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let effect = FaultEffect(outcome: .answer(.unavailable, after: .zero, retryAfter: nil), decidedBy: 0)
            let outcome = await Self.transport(.gemini, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout, effect: effect, fault: Self.fault(.unavailable))
            guard case .failure(let errorKind, _, let status, _) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(errorKind == .unavailable)
            #expect(status == nil)
        }
        #expect(await behavior.calls.isEmpty)
    }

    @Test func timeoutHangsUntilTheAttemptLimit() async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let limit = TimeSpan.milliseconds(150)
            let began = ContinuousClock.now
            let outcome = await Self.transport(.openai, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: limit, effect: FaultEffect(outcome: .hang, decidedBy: 0),
                          fault: Self.fault(.timeout))
            #expect(outcome.errorKind == .timeout)
            #expect(ContinuousClock.now - began >= .milliseconds(150))
        }
        #expect(await behavior.calls.isEmpty)
    }

    @Test func latencyDelaysARealExchange() async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let began = ContinuousClock.now
            let outcome = await Self.transport(.cohere, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout,
                          effect: FaultEffect(addedDelay: .milliseconds(120)), fault: nil)
            #expect(outcome.text != nil)
            #expect(ContinuousClock.now - began >= .milliseconds(120))
        }
        #expect(await behavior.calls.count == 1)
    }

    @Test func delayBeyondTheLimitIsATimeout() async throws {
        try await withFakeServer { port, http in
            let outcome = await Self.transport(.cohere, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: .milliseconds(50),
                          effect: FaultEffect(addedDelay: .seconds(1)), fault: nil)
            #expect(outcome.errorKind == .timeout)
        }
    }

    // MARK: - Real answers, altered

    struct Corruption: Sendable, CustomTestStringConvertible {
        var kind: Provider.Kind
        var how: Fault.Corruption
        var stream: Bool
        var testDescription: String { "\(kind) \(how.rawValue)\(stream ? " streamed" : "")" }
    }

    static let corruptions: [Corruption] = liveKinds.flatMap { kind in
        Fault.Corruption.allCases.flatMap { how in [false, true].map { Corruption(kind: kind, how: how, stream: $0) } }
    }

    @Test(arguments: corruptions)
    func corruptionOfTheRealBodyIsDetected(_ item: Corruption) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let outcome = await Self.transport(item.kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: item.stream), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .corrupt, decidedBy: 0), fault: Self.fault(.corrupt(item.how)))
            #expect(outcome.errorKind == .corrupt, "\(item.testDescription): \(outcome)")
        }
        #expect(await behavior.calls.count == 1)
    }

    @Test(arguments: liveKinds)
    func streamCutAfterTokensIsAConnectionError(_ kind: Provider.Kind) async throws {
        try await withFakeServer { port, http in
            let outcome = await Self.transport(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .cut(.afterTokens(3)), decidedBy: 0),
                          fault: Self.fault(.streamCut(.afterTokens(3))))
            #expect(outcome.errorKind == .connection, "\(kind): \(outcome)")
        }
    }

    @Test func streamCutAfterTimeIsAConnectionError() async throws {
        try await withFakeServer(FixedLatencyBehavior(tokenInterval: .milliseconds(30))) { port, http in
            let began = ContinuousClock.now
            let outcome = await Self.transport(.openai, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .cut(.afterTime(.milliseconds(80))), decidedBy: 0),
                          fault: Self.fault(.streamCut(.afterTime(.milliseconds(80)))))
            #expect(outcome.errorKind == .connection)
            // 11 tokens 30 ms apart would take over 300 ms: the cut ended the stream first.
            #expect(ContinuousClock.now - began < .seconds(5))
        }
    }

    // MARK: - Resets

    @Test(arguments: liveKinds)
    func resetBeforeTheAnswerSendsNoCall(_ kind: Provider.Kind) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let outcome = await Self.transport(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi"), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .answer(.connection, after: .zero, retryAfter: nil), decidedBy: 0),
                          fault: Self.fault(.reset()))
            #expect(outcome.errorKind == .connection, "\(kind): \(outcome)")
            #expect(outcome.failureMessage?.contains("reset") == true)
        }
        #expect(await behavior.calls.isEmpty)
    }

    @Test(arguments: liveKinds)
    func resetAfterTokensAbortsTheRealStream(_ kind: Provider.Kind) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let outcome = await Self.transport(kind, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .cut(.afterTokens(3)), decidedBy: 0),
                          fault: Self.fault(.reset(after: .afterTokens(3))))
            #expect(outcome.errorKind == .connection, "\(kind): \(outcome)")
            #expect(outcome.failureMessage?.contains("reset") == true, "\(kind): \(outcome)")
        }
        #expect(await behavior.calls.count == 1)
    }

    @Test func resetAfterTimeAbortsTheRealStream() async throws {
        try await withFakeServer(FixedLatencyBehavior(tokenInterval: .milliseconds(30))) { port, http in
            let began = ContinuousClock.now
            let outcome = await Self.transport(.openai, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout,
                          effect: FaultEffect(outcome: .cut(.afterTime(.milliseconds(80))), decidedBy: 0),
                          fault: Self.fault(.reset(after: .afterTime(.milliseconds(80)))))
            #expect(outcome.errorKind == .connection)
            #expect(ContinuousClock.now - began < .seconds(5))
        }
    }

    // MARK: - Stalls: the call is sent, its answer is held

    @Test func stallPausesAStreamAfterItsHeadArrives() async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let stall = FaultEffect.Stall(after: .zero, gap: .milliseconds(250))
            let outcome = await Self.transport(.openai, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout,
                          effect: FaultEffect(addedDelay: stall.gap, stall: stall),
                          fault: Self.fault(.stall(after: .zero, pause: stall.gap)))
            guard case .success(let text, let ttft, _) = outcome else {
                Issue.record("\(outcome)")
                return
            }
            #expect(text == ClientAgainstFakeTests.fullAnswer)
            #expect(ttft >= stall.gap)
        }
        #expect(await behavior.calls.count == 1)
    }

    @Test(arguments: [false, true])
    func stallBeyondTheLimitHoldsASentCallUntilTimeout(_ stream: Bool) async throws {
        let behavior = ScriptedBehavior([])
        try await withFakeServer(behavior) { port, http in
            let stall = FaultEffect.Stall(after: .seconds(60), gap: .seconds(60))
            let outcome = await Self.transport(.cohere, port: port, http: http)
                // A limit long enough for the call to reach the fake on a loaded machine.
                .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: .seconds(2),
                          effect: FaultEffect(addedDelay: stall.gap, stall: stall),
                          fault: Self.fault(.stall(after: stall.after, pause: stall.gap)))
            #expect(outcome.errorKind == .timeout)
        }
        // The answer was complete before `after`, so the pause came at its end: the call was sent.
        #expect(await behavior.calls.count == 1)
    }

    @Test(arguments: [false, true])
    func aStallInTheAnswerStillEndsAtTheLimit(_ stream: Bool) async throws {
        try await withFakeServer { port, http in
            let stall = FaultEffect.Stall(after: .zero, gap: .seconds(30))
            let began = ContinuousClock.now
            let outcome = await Self.transport(.openai, port: port, http: http)
                // A limit long enough for the call to reach the fake on a loaded machine.
                .complete(CompletionRequest(prompt: "Hi", stream: stream), timeout: .seconds(2),
                          effect: FaultEffect(addedDelay: stall.gap, stall: stall),
                          fault: Self.fault(.stall(after: stall.after, pause: stall.gap)))
            #expect(outcome.errorKind == .timeout)
            // Ended by the 200 ms limit, not by the 30 s pause.
            #expect(ContinuousClock.now - began < .seconds(20))
        }
    }

    @Test func passThroughLeavesTheAnswerAlone() async throws {
        try await withFakeServer { port, http in
            let outcome = await Self.transport(.gemini, port: port, http: http)
                .complete(CompletionRequest(prompt: "Hi", stream: true), timeout: Self.timeout, effect: FaultEffect(), fault: nil)
            #expect(outcome.text == ClientAgainstFakeTests.fullAnswer)
        }
    }
}

extension CompletionOutcome {
    /// The message of a failure.
    var failureMessage: String? {
        if case .failure(_, _, _, let message) = self { return message }
        return nil
    }
}
