import AirmSpec
import HeapModule

/// The state of one simulated run: every state machine of the engine, the event heap and the
/// requests in flight. `Simulator.run` is its only user.
struct SimulationRun<Recorder: SampleRecorder> {
    /// One traffic stream's arrivals and load.
    struct Stream {
        var schedule: ArrivalSchedule?
        /// For `users` streams.
        let users: Int
        let think: TrafficStream.Think
        var generator: SeededGenerator
        let start: TimeSpan
        let end: TimeSpan
        let maxInFlight: Int
        let maxTokens: Int?
        var inFlight = 0
    }

    var recorder: Recorder
    let duration: TimeSpan
    let router: Router
    var breakers: [CircuitBreaker]
    var providers: [SimulatedProvider]
    var retryGenerators: [SeededGenerator]
    var faults: FaultSchedule
    /// Per provider: the `slow_call.over` of its breaker.
    let slowOver: [TimeSpan?]
    var streams: [Stream]
    var requests = RequestTable()
    var events = Heap<Event>()
    var sequence: UInt64 = 0
    var inFlight = 0
    var lastEnd = TimeSpan.zero
    var requestCount = 0
    var attemptCount = 0
    var transitionCount = 0

    init(_ experiment: Experiment, seed: UInt64, recorder: Recorder) {
        self.recorder = recorder
        duration = experiment.duration
        router = Router(experiment)
        let timeline = Timeline(experiment)
        let policy = experiment.policy
        breakers = experiment.providers.map { CircuitBreaker(provider: $0.name, policy: policy.settings(for: $0.name).breaker) }
        providers = experiment.providers.map {
            SimulatedProvider($0.simulate, generator: SeededGenerator(seed: seed, stream: "provider:" + $0.name))
        }
        retryGenerators = experiment.providers.map { SeededGenerator(seed: seed, stream: "retry:" + $0.name) }
        slowOver = experiment.providers.map { policy.settings(for: $0.name).breaker.slowCall?.over }
        faults = FaultSchedule(experiment, timeline: timeline, seed: seed)
        streams = experiment.traffic.map { stream in
            let generator = SeededGenerator(seed: seed, stream: "traffic:" + stream.name)
            let (start, end) = ArrivalSchedule.bounds(of: stream, timeline: timeline)
            var users = 0
            var think = TrafficStream.Think.fixed(.zero)
            if case .users(let count, let userThink) = stream.shape {
                users = max(0, count)
                think = userThink
            }
            return Stream(schedule: ArrivalSchedule(stream, timeline: timeline, generator: generator),
                          users: users, think: think, generator: generator, start: start, end: end,
                          maxInFlight: stream.maxInFlight, maxTokens: stream.request.maxTokens)
        }
    }

    // MARK: - The loop

    mutating func run() -> SimulationSummary {
        for index in streams.indices {
            if let first = streams[index].schedule?.next() {
                push(.arrival, at: first, subject: Int32(index))
            } else if streams[index].users > 0, streams[index].start < streams[index].end {
                for _ in 0..<streams[index].users {
                    push(.arrival, at: streams[index].start, subject: Int32(index), detail: 1)
                }
            }
        }
        loop: while let event = events.popMin() {
            let now = TimeSpan(nanoseconds: event.time)
            switch event.kind {
            case .timer:
                // Only timers remain once nothing is in flight past the end: the run is over.
                if now > duration, inFlight == 0 { break loop }
                fireTimer(provider: Int(event.subject), at: now)
                continue
            case .completion:
                complete(event.subject, at: now)
                continue
            case .retry:
                let step = requests[event.subject].flow.advance(at: now, router: router, breakers: &breakers)
                drive(event.subject, step, at: now)
                continue
            case .arrival:
                arrive(stream: Int(event.subject), user: event.detail == 1, at: now)
                continue
            }
        }
        return SimulationSummary(endedAt: max(duration, lastEnd), breakerStates: breakers.map(\.state),
                                 requests: requestCount, attempts: attemptCount, transitions: transitionCount)
    }

    mutating func push(_ kind: Event.Class, at time: TimeSpan, subject: Int32, detail: Int32 = 0) {
        sequence += 1
        events.insert(Event(time: time.nanoseconds, kind: kind, sequence: sequence, subject: subject, detail: detail))
    }

    // MARK: - Breakers

    private mutating func fireTimer(provider: Int, at now: TimeSpan) {
        guard breakers[provider].nextTimer == now, let record = breakers[provider].fire(at: now) else { return }
        note(record)
    }

    mutating func note(_ transition: TransitionRecord) {
        transitionCount += 1
        recorder.record(transition)
    }
}
