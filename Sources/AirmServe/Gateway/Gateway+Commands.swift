import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

extension Gateway {
    /// Hands `input` to the core at `time` and carries out what it asks for.
    func deliver(_ input: RunCore.Input, at time: TimeSpan) {
        core.handle(input, at: time)
        carryOut(at: time)
    }

    /// Carries out the core's commands, turns its samples into events and answers ended calls.
    func carryOut(at now: TimeSpan) {
        for sample in core.samples { observe(sample) }
        core.samples.removeAll(keepingCapacity: true)
        for answer in core.answers { answerCall(answer, at: now) }
        core.answers.removeAll(keepingCapacity: true)
        let commands = core.commands
        core.commands.removeAll(keepingCapacity: true)
        for command in commands {
            switch command {
            case .start(let attempt):
                start(attempt, at: now)
            case .arm(.breaker(let provider), let time):
                guard armedTimers[provider] != time else { continue }
                armedTimers[provider] = time
                // The transition happens at exactly its scheduled time.
                after(time) { $0.deliver(.timer(.breaker(provider: provider)), at: time) }
            case .arm(.retry(let request), let time):
                after(time) { $0.deliver(.timer(.retry(request: request)), at: $0.now()) }
            case .arm(.send, _):
                // The gateway has no closed-model streams.
                break
            }
        }
        resumeIfDrained()
    }

    private func observe(_ sample: RunCore.Sample) {
        switch sample {
        case .request:
            // Calls are reported with their answer, as `.call`.
            break
        case .attempt(let attempt):
            emit(.attempt(provider: names[attempt.provider], result: attempt.result,
                          duration: attempt.endedAt - attempt.startedAt), at: attempt.endedAt)
        case .rejection(let provider, let time):
            emit(.rejection(provider: names[provider]), at: time)
        case .transition(let record):
            emit(.transition(record), at: record.at)
        }
    }

    private func answerCall(_ answer: RunCore.Answer, at now: TimeSpan) {
        guard var pending = calls.removeValue(forKey: answer.ticket) else { return }
        pending.record.outcome = answer.outcome
        pending.record.attempts = answer.attempts
        pending.record.provider = answer.provider.map { names[$0] }
        pending.record.failure = answer.failure
        pending.record.latency = now - pending.arrivedAt
        switch answer.outcome {
        case .ok, .fallback: break
        case .degraded: pending.record.answer = plan.experiment.policy.fallback?.response
        case .failed, .dropped: pending.record.answer = nil
        }
        emit(.call(pending.record), at: now)
        pending.continuation?.resume(returning: pending.record)
    }

    /// Runs `action` on the actor once the wall clock reaches `time`, unless the gateway has
    /// shut down first.
    func after(_ time: TimeSpan, _ action: @escaping @Sendable (isolated Gateway) -> Void) {
        timers.add(due: instant(time)) { id in await self.fire(id, action) }
    }

    private func fire(_ id: Int, _ action: @Sendable (isolated Gateway) -> Void) {
        guard timers.take(id) else { return }
        action(self)
    }

    // MARK: - Attempts

    private func start(_ attempt: RunCore.Attempt, at now: TimeSpan) {
        let pending = calls[attempt.ticket]
        let fault = attempt.effect.decidedBy.flatMap { core.fault($0) }
        if let fault { calls[attempt.ticket]?.record.fault = fault.name }
        guard let transport = transports[attempt.provider] else {
            // A simulated provider: the engine's model, in wall time.
            let end = AttemptModel.resolve(attempt.effect, provider: &models[attempt.provider], at: now,
                                           limit: attempt.limit, slowOver: slowOver[attempt.provider],
                                           maxTokens: pending?.maxTokens)
            let text = "Simulated answer from \(names[attempt.provider])."
            after(now + end.duration) {
                $0.attemptEnded(attempt, result: end.result, retryAfter: end.retryAfter, text: text,
                                cause: end.result.failureKind.map { "simulated \($0.rawValue)" })
            }
            return
        }
        let request = CompletionRequest(prompt: pending?.record.prompt ?? "", maxTokens: pending?.maxTokens,
                                        stream: pending?.stream ?? false)
        let slow = slowOver[attempt.provider]
        Task {
            let began = ContinuousClock.now
            let outcome = await transport.complete(request, timeout: attempt.limit, effect: attempt.effect, fault: fault)
            let took = TimeSpan(ContinuousClock.now - began)
            switch outcome {
            case .success(let text, _, _):
                self.attemptEnded(attempt, result: .success(slow: slow.map { took > $0 } ?? false),
                                        retryAfter: nil, text: text, cause: nil)
            case .failure(let kind, let wait, let status, let message):
                let cause = (status.map { "HTTP \($0): " } ?? "") + message
                self.attemptEnded(attempt, result: .failure(kind), retryAfter: wait, text: nil, cause: cause)
            }
        }
    }

    private func attemptEnded(_ attempt: RunCore.Attempt, result: AttemptResult, retryAfter: TimeSpan?,
                              text: String?, cause: String?) {
        let now = now()
        if case .failure(let kind) = result {
            let message = secrets.reduce(cause ?? kind.rawValue) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
            lastErrors[attempt.provider] = LastError(at: now, kind: kind, message: String(message.prefix(200)))
        } else {
            calls[attempt.ticket]?.record.answer = text
        }
        deliver(.attemptEnded(request: attempt.request, result: result, retryAfter: retryAfter), at: now)
    }
}

extension AttemptResult {
    var failureKind: ErrorKind? {
        if case .failure(let kind) = self { return kind }
        return nil
    }
}
