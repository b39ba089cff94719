import AirmEngine
import AirmSpec

extension LiveRun {
    // MARK: - Arrivals

    /// A request arrives, scheduled at `scheduledAt`. Returns `false` when arrivals have stopped.
    /// `waiter` (a closed-model user) is resumed once the request has its outcome.
    func arrive(stream index: Int, scheduledAt: TimeSpan, waiter: CheckedContinuation<Void, Never>?) -> Bool {
        guard !stopped, !over else { return false }
        requestCount += 1
        let wall = now()
        lateness.add(wall - scheduledAt)
        let now = max(wall, scheduledAt)
        guard streams[index].inFlight < streams[index].maxInFlight else {
            recorder.record(RequestSample(stream: index, scheduledAt: scheduledAt, endedAt: now, outcome: .dropped, attempts: 0))
            completedCount += 1
            waiter?.resume()
            return true
        }
        streams[index].inFlight += 1
        inFlight += 1
        let prompts = streams[index].request.prompts
        let prompt = prompts.isEmpty ? "" : prompts[streams[index].sent % prompts.count]
        streams[index].sent += 1
        var flow = RequestFlow(scheduledAt: scheduledAt, router: router)
        let step = flow.advance(at: now, router: router, breakers: &breakers)
        let id = nextID
        nextID += 1
        slots[id] = Slot(flow: flow, stream: index, prompt: prompt, waiter: waiter)
        drive(id, step, at: now)
        return true
    }

    // MARK: - Steps

    /// Carries out `step` for request `id`, and the steps that follow at the same instant.
    func drive(_ id: Int, _ first: RequestFlow.Step, at now: TimeSpan) {
        var step = first
        while true {
            switch step {
            case .rejected(let provider, _):
                recorder.recordRejection(provider: provider, at: now)
                guard var slot = slots[id] else { return }
                step = slot.flow.advance(at: now, router: router, breakers: &breakers)
                slots[id] = slot
            case .attempt(let provider, let token, let limit):
                start(id, provider: provider, token: token, limit: limit, at: now)
                return
            case .wait(let time):
                Task { [origin] in
                    try? await Task.sleep(until: origin + .nanoseconds(time.nanoseconds), clock: .continuous)
                    self.retryDue(id)
                }
                return
            case .finished(let outcome):
                finish(id, outcome, at: now)
                return
            }
        }
    }

    private func retryDue(_ id: Int) {
        guard var slot = slots[id] else { return }
        let now = now()
        let step = slot.flow.advance(at: now, router: router, breakers: &breakers)
        slots[id] = slot
        drive(id, step, at: now)
    }

    // MARK: - Attempts

    private func start(_ id: Int, provider: Int, token: CircuitBreaker.Token, limit: TimeSpan, at now: TimeSpan) {
        guard var slot = slots[id] else { return }
        slot.provider = provider
        slot.token = token
        slot.startedAt = now
        slots[id] = slot
        let effect = faults.effect(provider: provider, at: now)
        let stream = experiment.traffic[slot.stream].request
        guard let transport = transports[provider] else {
            // A simulated provider in a live run: the engine's model, in wall time.
            let end = AttemptModel.resolve(effect, provider: &models[provider], at: now, limit: limit,
                                           slowOver: slowOver[provider], maxTokens: stream.maxTokens)
            let due = instant(now + end.duration)
            Task {
                try? await Task.sleep(until: due, clock: .continuous)
                self.attemptEnded(id, end.result, retryAfter: end.retryAfter)
            }
            return
        }
        let request = CompletionRequest(prompt: slot.prompt, maxTokens: stream.maxTokens, stream: stream.stream)
        let fault = effect.decidedBy.flatMap { $0 < experiment.faults.count ? experiment.faults[$0] : nil }
        let slow = slowOver[provider]
        Task {
            let began = ContinuousClock.now
            let outcome = await transport.complete(request, timeout: limit, effect: effect, fault: fault)
            let took = TimeSpan(ContinuousClock.now - began)
            switch outcome {
            case .success:
                self.attemptEnded(id, .success(slow: slow.map { took > $0 } ?? false), retryAfter: nil)
            case .failure(let kind, let retryAfter, _, _):
                self.attemptEnded(id, .failure(kind), retryAfter: retryAfter)
            }
        }
    }

    private func attemptEnded(_ id: Int, _ result: AttemptResult, retryAfter: TimeSpan?) {
        guard var slot = slots[id] else { return }
        let now = now()
        let provider = slot.provider
        recorder.record(AttemptSample(provider: provider, startedAt: slot.startedAt, endedAt: now, result: result))
        if let token = slot.token, let transition = breakers[provider].record(result, token: token, at: now) {
            note(transition)
        }
        let step = slot.flow.complete(result, retryAfter: retryAfter, at: now, router: router,
                                      breakers: &breakers, generator: &retryGenerators[provider])
        slots[id] = slot
        drive(id, step, at: now)
    }

    private func finish(_ id: Int, _ outcome: RequestOutcome, at now: TimeSpan) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        recorder.record(RequestSample(stream: slot.stream, scheduledAt: slot.flow.scheduledAt, endedAt: now,
                                      outcome: outcome, attempts: slot.flow.attempts))
        streams[slot.stream].inFlight -= 1
        inFlight -= 1
        completedCount += 1
        lastEnd = max(lastEnd, now)
        slot.waiter?.resume()
        if inFlight == 0, let drainWaiter {
            self.drainWaiter = nil
            drainWaiter.resume()
        }
    }

    // MARK: - Breakers

    /// Records a transition and arms the breaker's timer, if it now has one.
    func note(_ transition: TransitionRecord) {
        recorder.record(transition)
        guard let provider = experiment.providers.firstIndex(where: { $0.name == transition.provider }),
              let timer = breakers[provider].nextTimer, armedTimers[provider] != timer else { return }
        armedTimers[provider] = timer
        let due = instant(timer)
        timerTasks.append(Task {
            do {
                try await Task.sleep(until: due, clock: .continuous)
            } catch {
                return
            }
            self.fire(provider: provider, at: timer)
        })
    }

    /// A breaker timer is due: the transition happens at exactly its scheduled time.
    private func fire(provider: Int, at time: TimeSpan) {
        guard !over, breakers[provider].nextTimer == time, let record = breakers[provider].fire(at: time) else { return }
        note(record)
    }
}
