import AirmSpec
import HeapModule

/// The state of one simulated run: every state machine of the engine, the event queue and the
/// requests in flight. `Simulator.run` is its only user.
///
/// It is not generic over the recorder, so it compiles to concrete code: what it observes goes
/// into `output`, which the generic driver drains into the recorder after every event.
struct SimulationRun {
    typealias Stream = StreamLoad

    /// What the run observed, in order, waiting for the recorder.
    enum Sample {
        case request(RequestSample)
        case attempt(AttemptSample)
        case rejection(provider: Int, at: TimeSpan)
        case transition(TransitionRecord)
    }

    let duration: TimeSpan
    let router: Router
    var breakers: [CircuitBreaker]
    var providers: [SimulatedProvider]
    var retryGenerators: [SeededGenerator]
    var faults: FaultSchedule
    /// Per provider: the `slow_call.over` of its breaker.
    let slowOver: [TimeSpan?]
    var streams: [Stream]
    /// Per stream: `request.max_tokens`.
    let maxTokens: [Int?]
    var requests = RequestTable()
    /// Timers, completions, retries and closed-model sends.
    var events = Heap<Event>()
    /// Per stream: the next open-model arrival. Kept beside the heap (one per stream, always
    /// the stream's earliest) and merged with it by the same ordering, which halves heap traffic.
    var pendingArrivals: [Event?]
    var sequence: UInt64 = 0
    var inFlight = 0
    var lastEnd = TimeSpan.zero
    var requestCount = 0
    var attemptCount = 0
    var transitionCount = 0
    var output: [Sample] = []
    var finished = false

    init(_ experiment: Experiment, seed: UInt64) {
        duration = experiment.duration
        router = Router(experiment)
        let timeline = Timeline(experiment)
        breakers = DriverSetup.breakers(experiment)
        providers = DriverSetup.models(experiment, seed: seed)
        retryGenerators = DriverSetup.retryGenerators(experiment, seed: seed)
        slowOver = DriverSetup.slowCallThresholds(experiment)
        faults = FaultSchedule(experiment, timeline: timeline, seed: seed)
        maxTokens = experiment.traffic.map(\.request.maxTokens)
        pendingArrivals = Array(repeating: nil, count: experiment.traffic.count)
        streams = StreamLoad.all(in: experiment, timeline: timeline, seed: seed)
        output.reserveCapacity(16)
        for index in streams.indices {
            if streams[index].schedule != nil {
                scheduleNextArrival(stream: index)
            } else if streams[index].users > 0, streams[index].start < streams[index].end {
                for _ in 0..<streams[index].users {
                    push(.arrival, at: streams[index].start, subject: Int32(index), detail: 1)
                }
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
        switch event.kind {
        case .timer:
            // Only timers remain once nothing is in flight past the end: the run is over.
            if now > duration, inFlight == 0 {
                finished = true
                return false
            }
            fireTimer(provider: Int(event.subject), at: now)
        case .completion:
            complete(event.subject, at: now)
        case .retry:
            let step = requests[event.subject].flow.advance(at: now, router: router, breakers: &breakers)
            drive(event.subject, step, at: now)
        case .arrival:
            arrive(stream: Int(event.subject), user: event.detail == 1, at: now)
        }
        return true
    }

    var summary: SimulationSummary {
        SimulationSummary(endedAt: max(duration, lastEnd), breakerStates: breakers.map(\.state),
                          requests: requestCount, attempts: attemptCount, transitions: transitionCount)
    }

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

    mutating func push(_ kind: Event.Class, at time: TimeSpan, subject: Int32, detail: Int32 = 0) {
        sequence += 1
        events.insert(Event(time: time.nanoseconds, kind: kind, sequence: sequence, subject: subject, detail: detail))
    }

    mutating func scheduleNextArrival(stream index: Int) {
        guard let next = streams[index].schedule?.next() else { return }
        sequence += 1
        pendingArrivals[index] = Event(time: next.nanoseconds, kind: .arrival, sequence: sequence, subject: Int32(index))
    }

    // MARK: - Breakers

    private mutating func fireTimer(provider: Int, at now: TimeSpan) {
        guard breakers[provider].nextTimer == now, let record = breakers[provider].fire(at: now) else { return }
        note(record)
    }

    mutating func note(_ transition: TransitionRecord) {
        transitionCount += 1
        output.append(.transition(transition))
    }
}
