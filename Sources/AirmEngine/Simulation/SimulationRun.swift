import AirmSpec

/// The virtual-time driver of one run: it pumps the `RunCore` from a heap of timestamped
/// events and answers its attempts with the simulated providers. `Simulator.run` is its only user.
///
/// It is not generic over the recorder, so it compiles to concrete code: the core's samples
/// wait in `core.samples`, which the generic loop drains into the recorder after every event.
struct SimulationRun {
    var core: RunCore
    var providers: [SimulatedProvider]
    /// Per provider: the `slow_call.over` of its breaker.
    let slowOver: [TimeSpan?]
    /// Per stream: `request.max_tokens`.
    let maxTokens: [Int?]
    /// Per request slot: how its attempt in flight ends.
    var ends: [AttemptModel.End] = []
    /// Timers, completions, retries and closed-model sends.
    var events = EventQueue()
    /// Per stream: the next open-model arrival. Kept beside the heap (one per stream, always
    /// the stream's earliest) and merged with it by the same ordering, which halves heap traffic.
    var pendingArrivals: [Event?]
    var sequence: UInt64 = 0
    var finished = false
    /// The virtual time of the event last processed.
    private(set) var virtualTime = TimeSpan.zero
    /// Set by `stop(at:)`: when arrivals stopped.
    private(set) var stoppedAt: TimeSpan?

    init(_ plan: Plan) {
        core = RunCore(plan: plan)
        providers = DriverSetup.models(plan)
        slowOver = DriverSetup.slowCallThresholds(plan)
        maxTokens = plan.experiment.traffic.map(\.request.maxTokens)
        pendingArrivals = Array(repeating: nil, count: plan.streams.count)
        for index in core.streams.indices {
            if core.streams[index].schedule != nil {
                scheduleNextArrival(stream: index)
            } else {
                core.armFirstSends(of: index)
                carryOut(at: .zero)
            }
        }
    }

    // MARK: - The loop

    /// Processes the next event; returns `false` once the run is over.
    mutating func step() -> Bool {
        guard !finished, let event = popNext() else {
            finished = true
            return false
        }
        let now = TimeSpan(nanoseconds: event.time)
        virtualTime = now
        switch event.kind {
        case .timer:
            // Only timers remain once nothing is in flight past the end: the run is over.
            if now > (stoppedAt ?? core.plan.duration), core.inFlight == 0 {
                finished = true
                return false
            }
            core.handle(.timer(.breaker(provider: Int(event.subject))), at: now)
        case .completion:
            let end = ends[Int(event.subject)]
            core.handle(.attemptEnded(request: event.subject, result: end.result, retryAfter: end.retryAfter), at: now)
        case .retry:
            core.handle(.timer(.retry(request: event.subject)), at: now)
        case .arrival:
            let stream = Int(event.subject)
            if event.detail == 1 {
                core.handle(.timer(.send(stream: stream)), at: now)
            } else {
                scheduleNextArrival(stream: stream)
                core.handle(.arrival(stream: stream, user: false, scheduledAt: now), at: now)
            }
        }
        carryOut(at: now)
        return true
    }

    /// Carries out the core's commands: attempts answered by the simulated providers, timers
    /// onto the heap. The samples stay in `core.samples` for the recorder.
    private mutating func carryOut(at now: TimeSpan) {
        guard !core.commands.isEmpty else { return }
        for index in core.commands.indices {
            switch core.commands[index] {
            case .start(let attempt):
                let end = AttemptModel.resolve(attempt.effect, provider: &providers[attempt.provider], at: now,
                                               limit: attempt.limit, slowOver: slowOver[attempt.provider],
                                               maxTokens: maxTokens[attempt.stream])
                let slot = Int(attempt.request)
                if slot >= ends.count { ends.append(contentsOf: repeatElement(end, count: slot - ends.count + 1)) }
                ends[slot] = end
                push(.completion, at: now + end.duration, subject: attempt.request)
            case .arm(.breaker(let provider), let time):
                push(.timer, at: time, subject: Int32(provider))
            case .arm(.retry(let request), let time):
                push(.retry, at: time, subject: request)
            case .arm(.send(let stream), let time):
                push(.arrival, at: time, subject: Int32(stream), detail: 1)
            }
        }
        core.commands.removeAll(keepingCapacity: true)
    }

    /// Stops arrivals at `time`: requests in flight run to their end, and no later arrival is drawn.
    mutating func stop(at time: TimeSpan) {
        guard stoppedAt == nil else { return }
        stoppedAt = time
        core.stop()
        for index in pendingArrivals.indices { pendingArrivals[index] = nil }
    }

    var summary: SimulationSummary {
        SimulationSummary(endedAt: core.endedAt(stoppedAt: stoppedAt), breakerStates: core.breakers.map(\.state),
                          requests: core.requestCount, attempts: core.attemptCount, transitions: core.transitionCount)
    }

    // MARK: - Events

    /// The earliest event, from the heap or the pending arrivals.
    private mutating func popNext() -> Event? {
        var best = events.min
        var bestStream = -1
        for index in pendingArrivals.indices {
            guard let arrival = pendingArrivals[index] else { continue }
            if best.map({ arrival < $0 }) ?? true {
                best = arrival
                bestStream = index
            }
        }
        if bestStream >= 0 {
            pendingArrivals[bestStream] = nil
            return best
        }
        return events.popMin()
    }

    private mutating func push(_ kind: Event.Class, at time: TimeSpan, subject: Int32, detail: Int32 = 0) {
        sequence += 1
        events.insert(Event(time: time.nanoseconds, kind: kind, sequence: sequence, subject: subject, detail: detail))
    }

    private mutating func scheduleNextArrival(stream index: Int) {
        guard let next = core.streams[index].schedule?.next() else { return }
        sequence += 1
        pendingArrivals[index] = Event(time: next.nanoseconds, kind: .arrival, sequence: sequence, subject: Int32(index))
    }
}
