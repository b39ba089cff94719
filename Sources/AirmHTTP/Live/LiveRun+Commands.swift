import AirmEngine
import AirmSpec

extension LiveRun {
    /// Hands `input` to the core at `time` and carries out what it asks for.
    func deliver(_ input: RunCore.Input, at time: TimeSpan) {
        guard !over else { return }
        core.handle(input, at: time)
        carryOut(at: time)
        resumeIfDrained()
    }

    /// Wakes `run` once arrivals are over and nothing is left in flight.
    func resumeIfDrained() {
        guard core.isDrained, let drainWaiter else { return }
        self.drainWaiter = nil
        drainWaiter.resume()
    }

    /// Carries out the core's commands: samples to the recorder, attempts as calls, timers as tasks.
    func carryOut(at now: TimeSpan) {
        for sample in core.samples { sample.record(into: &recorder) }
        core.samples.removeAll(keepingCapacity: true)
        if stop == nil, var watch = abortWatch {
            if let found = watch.check(recorder, at: now, breakers: core.breakers.map(\.state)) { halt(found) }
            abortWatch = watch
        }
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
            case .arm(.send(let stream), let time):
                after(time) { $0.arrive(stream: stream, user: true, scheduledAt: time) }
            }
        }
    }

    /// Runs `action` on the actor once the wall clock reaches `time`, unless the run is over first.
    /// Each pending task is kept until it fires, so the end of the run can cancel what is left.
    private func after(_ time: TimeSpan, _ action: @escaping @Sendable (isolated LiveRun) -> Void) {
        timers.add(due: instant(time)) { id in await self.fire(id, action) }
    }

    private func fire(_ id: Int, _ action: @Sendable (isolated LiveRun) -> Void) {
        guard timers.take(id), !over else { return }
        action(self)
    }

    // MARK: - Attempts

    private func start(_ attempt: RunCore.Attempt, at now: TimeSpan) {
        let stream = plan.experiment.traffic[attempt.stream].request
        guard let transport = transports[attempt.provider] else {
            // A simulated provider in a live run: the engine's model, in wall time.
            let end = AttemptModel.resolve(attempt.effect, provider: &models[attempt.provider], at: now,
                                           limit: attempt.limit, slowOver: slowOver[attempt.provider],
                                           maxTokens: stream.maxTokens)
            after(now + end.duration) {
                $0.deliver(.attemptEnded(request: attempt.request, result: end.result, retryAfter: end.retryAfter), at: $0.now())
            }
            return
        }
        let prompts = stream.prompts
        let prompt = prompts.isEmpty ? "" : prompts[attempt.ordinal % prompts.count]
        let request = CompletionRequest(prompt: prompt, maxTokens: stream.maxTokens, stream: stream.stream)
        let faults = plan.experiment.faults
        let fault = attempt.effect.decidedBy.flatMap { $0 < faults.count ? faults[$0] : nil }
        let slow = slowOver[attempt.provider]
        Task {
            let began = ContinuousClock.now
            let outcome = await transport.complete(request, timeout: attempt.limit, effect: attempt.effect, fault: fault)
            let took = TimeSpan(ContinuousClock.now - began)
            let result: AttemptResult
            let retryAfter: TimeSpan?
            switch outcome {
            case .success:
                result = .success(slow: slow.map { took > $0 } ?? false)
                retryAfter = nil
            case .failure(let kind, let wait, let status, let message):
                result = .failure(kind)
                retryAfter = wait
                self.noteCause(provider: attempt.provider, kind: kind, status: status, message: message,
                                     endpoint: transport.endpoint)
            }
            await self.deliver(.attemptEnded(request: attempt.request, result: result, retryAfter: retryAfter), at: self.now())
        }
    }

    private func noteCause(provider: Int, kind: ErrorKind, status: Int?, message: String, endpoint: String?) {
        errorSamples.note(provider: provider, kind: kind, status: status, message: message, endpoint: endpoint)
    }
}
