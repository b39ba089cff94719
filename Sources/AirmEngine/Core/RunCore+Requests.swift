import AirmSpec

extension RunCore {
    // MARK: - Arrivals

    mutating func arrive(stream index: Int, user: Bool, scheduledAt: TimeSpan, at now: TimeSpan) {
        guard !stopped else { return }
        requestCount += 1
        guard streams[index].inFlight < streams[index].maxInFlight else {
            completedCount += 1
            samples.append(.request(RequestSample(stream: index, scheduledAt: scheduledAt, endedAt: now,
                                                           outcome: .dropped, attempts: 0)))
            if user { think(stream: index, from: now, sentAt: scheduledAt) }
            return
        }
        streams[index].inFlight += 1
        inFlight += 1
        let ordinal = streams[index].sent
        streams[index].sent += 1
        var flow = RequestFlow(scheduledAt: scheduledAt, router: router)
        let step = flow.advance(at: now, router: router, breakers: &breakers)
        let slot = requests.insert(RequestTable.Slot(flow: flow, stream: Int32(index), ordinal: ordinal, fromUser: user))
        drive(slot, step, at: now)
    }

    /// A call from outside any stream: no `max_in_flight`, no user; its end goes to `answers`.
    mutating func call(ticket: UInt64, provider: Int?, at now: TimeSpan) {
        requestCount += 1
        guard !stopped else {
            completedCount += 1
            samples.append(.request(RequestSample(stream: RequestSample.noStream, scheduledAt: now, endedAt: now,
                                                  outcome: .dropped, attempts: 0)))
            answers.append(Answer(ticket: ticket, outcome: .dropped, attempts: 0, provider: nil, failure: nil))
            return
        }
        inFlight += 1
        let firstLeg = provider.flatMap { wanted in router.legs.firstIndex { $0.provider == wanted } } ?? 0
        var flow = RequestFlow(scheduledAt: now, router: router, firstLeg: firstLeg)
        let step = flow.advance(at: now, router: router, breakers: &breakers)
        let slot = requests.insert(RequestTable.Slot(flow: flow, stream: Int32(RequestSample.noStream), ordinal: 0,
                                                     fromUser: false, ticket: ticket))
        drive(slot, step, at: now)
    }

    // MARK: - Attempts

    mutating func attemptEnded(_ slot: Int32, _ result: AttemptResult, retryAfter: TimeSpan?, at now: TimeSpan) {
        let current = requests[slot]
        let provider = Int(current.provider)
        samples.append(.attempt(AttemptSample(provider: provider, startedAt: current.startedAt, endedAt: now,
                                                       result: result)))
        if let transition = breakers[provider].record(result, token: current.token, at: now) {
            note(transition, provider: provider)
        }
        let step = requests[slot].flow.complete(result, retryAfter: retryAfter, at: now, router: router,
                                                breakers: &breakers, generator: &retryGenerators[provider])
        drive(slot, step, at: now)
    }

    /// Carries out `step` for the request in `slot`, and the steps that follow at the same instant.
    mutating func drive(_ slot: Int32, _ first: RequestFlow.Step, at now: TimeSpan) {
        var step = first
        while true {
            switch step {
            case .rejected(let provider, _):
                samples.append(.rejection(provider: provider, at: now))
                step = requests[slot].flow.advance(at: now, router: router, breakers: &breakers)
            case .attempt(let provider, let token, let limit):
                attemptCount += 1
                let effect = faults.effect(provider: provider, at: now)
                requests[slot].provider = Int32(provider)
                requests[slot].token = token
                requests[slot].startedAt = now
                commands.append(.start(Attempt(request: slot, stream: Int(requests[slot].stream),
                                               ticket: requests[slot].ticket, ordinal: requests[slot].ordinal,
                                               provider: provider, limit: limit, effect: effect)))
                return
            case .wait(let time):
                commands.append(.arm(.retry(request: slot), at: time))
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
        samples.append(.request(RequestSample(stream: stream, scheduledAt: request.flow.scheduledAt, endedAt: now,
                                                       outcome: outcome, attempts: request.flow.attempts)))
        requests.remove(slot)
        if stream == RequestSample.noStream {
            answers.append(Answer(ticket: request.ticket, outcome: outcome, attempts: request.flow.attempts,
                                  provider: request.flow.attempts > 0 ? Int(request.provider) : nil,
                                  failure: outcome == .failed ? request.flow.failureKind : nil))
        } else {
            streams[stream].inFlight -= 1
        }
        inFlight -= 1
        completedCount += 1
        lastEnd = max(lastEnd, now)
        if request.fromUser { think(stream: stream, from: now, sentAt: request.flow.scheduledAt) }
    }
}
