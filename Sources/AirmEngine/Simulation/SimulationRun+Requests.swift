import AirmSpec

extension SimulationRun {
    // MARK: - Arrivals

    mutating func arrive(stream index: Int, user: Bool, at now: TimeSpan) {
        if !user { scheduleNextArrival(stream: index) }
        requestCount += 1
        guard streams[index].inFlight < streams[index].maxInFlight else {
            output.append(.request(RequestSample(stream: index, scheduledAt: now, endedAt: now, outcome: .dropped, attempts: 0)))
            if user { think(stream: index, from: now, sentAt: now) }
            return
        }
        streams[index].inFlight += 1
        inFlight += 1
        var flow = RequestFlow(scheduledAt: now, router: router)
        let step = flow.advance(at: now, router: router, breakers: &breakers)
        let slot = requests.insert(RequestTable.Slot(flow: flow, stream: Int32(index), fromUser: user))
        drive(slot, step, at: now)
    }

    /// The shortest cycle of a closed-model user: one whose request took no time (dropped, or
    /// rejected everywhere) and whose think time is zero waits this long, so virtual time moves on.
    static var minimumCycle: TimeSpan { .milliseconds(1) }

    /// A closed-model user thinks, then sends again if that is still before the stream's end.
    private mutating func think(stream index: Int, from now: TimeSpan, sentAt: TimeSpan) {
        var next = now + streams[index].think.sample(using: &streams[index].generator)
        next = max(next, sentAt + SimulationRun.minimumCycle)
        if next < streams[index].end {
            push(.arrival, at: next, subject: Int32(index), detail: 1)
        }
    }

    // MARK: - Attempts

    mutating func complete(_ slot: Int32, at now: TimeSpan) {
        let current = requests[slot]
        let provider = Int(current.provider)
        let result = current.end.result
        output.append(.attempt(AttemptSample(provider: provider, startedAt: current.startedAt, endedAt: now, result: result)))
        if let transition = breakers[provider].record(result, token: current.token, at: now) {
            note(transition)
            if let timer = breakers[provider].nextTimer {
                push(.timer, at: timer, subject: Int32(provider))
            }
        }
        let step = requests[slot].flow.complete(result, retryAfter: current.end.retryAfter, at: now, router: router,
                                                breakers: &breakers, generator: &retryGenerators[provider])
        drive(slot, step, at: now)
    }

    /// Carries out `step` for the request in `slot`, and the steps that follow at the same instant.
    mutating func drive(_ slot: Int32, _ first: RequestFlow.Step, at now: TimeSpan) {
        var step = first
        while true {
            switch step {
            case .rejected(let provider, _):
                output.append(.rejection(provider: provider, at: now))
                step = requests[slot].flow.advance(at: now, router: router, breakers: &breakers)
            case .attempt(let provider, let token, let limit):
                attemptCount += 1
                let effect = faults.effect(provider: provider, at: now)
                let maxTokens = maxTokens[Int(requests[slot].stream)]
                let end = AttemptModel.resolve(effect, provider: &providers[provider], at: now, limit: limit,
                                               slowOver: slowOver[provider], maxTokens: maxTokens)
                requests[slot].provider = Int32(provider)
                requests[slot].token = token
                requests[slot].startedAt = now
                requests[slot].end = end
                push(.completion, at: now + end.duration, subject: slot)
                return
            case .wait(let time):
                push(.retry, at: time, subject: slot)
                return
            case .finished(let outcome):
                finish(slot, outcome, at: now)
                return
            }
        }
    }

    private mutating func finish(_ slot: Int32, _ outcome: RequestOutcome, at now: TimeSpan) {
        let request = requests[slot]
        let stream = Int(request.stream)
        output.append(.request(RequestSample(stream: stream, scheduledAt: request.flow.scheduledAt, endedAt: now,
                                             outcome: outcome, attempts: request.flow.attempts)))
        requests.remove(slot)
        streams[stream].inFlight -= 1
        inFlight -= 1
        lastEnd = max(lastEnd, now)
        if request.fromUser { think(stream: stream, from: now, sentAt: request.flow.scheduledAt) }
    }
}
