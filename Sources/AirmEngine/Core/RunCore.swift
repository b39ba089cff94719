import AirmSpec

/// The per-request logic of a run, shared by every driver (docs/architecture.md "One run core").
///
/// Sans-IO: it reads no clock and starts nothing. A driver stamps each `Input` with the time it
/// happened and calls `handle(_:at:)`; the core updates its state machines (breakers, request
/// flows, the fault schedule, retry jitter, closed-model users), appends `Command`s to
/// `commands`, which the driver carries out and then clears, and appends what it observed to
/// `samples`, which the driver hands to its metrics recorder and then clears. Given the same inputs at the same
/// times, it gives the same commands, whichever driver feeds it:
///
/// - the simulator pumps it from a heap of virtual-time events;
/// - the live driver turns its commands into HTTP calls and wall-clock timers;
/// - a gateway feeds it requests that arrive over HTTP as calls (`Input.call`), and answers
///   each when it appears in `answers`.
///
/// It owns the request table, the drive loop over `RequestFlow` steps, retries and their
/// timers, drops at a stream's `max_in_flight`, the closed-model user cycle and the end of run.
public struct RunCore: Sendable {
    public let plan: Plan
    let router: Router
    public internal(set) var breakers: [CircuitBreaker]
    var faults: FaultSchedule
    var retryGenerators: [SeededGenerator]
    /// Per stream: arrivals, think times and load.
    public internal(set) var streams: [StreamLoad]
    var requests = RequestTable()

    /// Commands appended by `handle`, in order, for the driver to carry out and clear.
    public var commands: [Command] = []
    /// Samples appended by `handle`, in order, for the driver to hand to its recorder and clear.
    public var samples: [Sample] = []
    /// Calls that ended, in order, for the driver to answer and clear.
    public var answers: [Answer] = []
    /// Faults added while running, numbered on from `plan.experiment.faults`.
    var addedFaults: [Fault] = []

    /// Arrivals so far, dropped ones included.
    public internal(set) var requestCount = 0
    /// Requests finished or dropped.
    public internal(set) var completedCount = 0
    /// Attempts let through by breakers.
    public internal(set) var attemptCount = 0
    public internal(set) var transitionCount = 0
    /// Requests started and not finished.
    public internal(set) var inFlight = 0
    /// Closed-model sends armed and not yet arrived.
    public internal(set) var pendingSends = 0
    /// When the last request finished.
    public internal(set) var lastEnd = TimeSpan.zero
    /// Set by `stop()`: arrivals are refused from then on.
    public internal(set) var stopped = false

    public init(plan: Plan) {
        self.plan = plan
        router = plan.router
        breakers = DriverSetup.breakers(plan)
        retryGenerators = DriverSetup.retryGenerators(plan)
        faults = FaultSchedule(plan.experiment, timeline: plan.timeline, seed: plan.seed)
        streams = StreamLoad.all(in: plan)
        commands.reserveCapacity(16)
        samples.reserveCapacity(16)
    }

    // MARK: - Inputs

    /// Handles one input at `now`, appending the commands it gives to `commands`.
    public mutating func handle(_ input: Input, at now: TimeSpan) {
        switch input {
        case .arrival(let stream, let user, let scheduledAt):
            if user { pendingSends -= 1 }
            arrive(stream: stream, user: user, scheduledAt: scheduledAt, at: now)
        case .call(let ticket, let provider):
            call(ticket: ticket, provider: provider, at: now)
        case .attemptEnded(let request, let result, let retryAfter):
            attemptEnded(request, result, retryAfter: retryAfter, at: now)
        case .timer(.breaker(let provider)):
            fire(provider: provider, at: now)
        case .timer(.retry(let request)):
            let step = requests[request].flow.advance(at: now, router: router, breakers: &breakers)
            drive(request, step, at: now)
        case .timer(.send(let stream)):
            handle(.arrival(stream: stream, user: true, scheduledAt: now), at: now)
        }
    }

    /// Refuses arrivals from now on; requests in flight still run to their end.
    public mutating func stop() {
        stopped = true
    }

    /// Nothing is in flight and no closed-model send is still to come (or the run was stopped).
    public var isDrained: Bool { inFlight == 0 && (stopped || pendingSends == 0) }

    /// When the run was over: the duration, or later when requests in flight finished after it;
    /// for a run stopped early, when it stopped (or its last request finished, if later).
    public func endedAt(stoppedAt: TimeSpan? = nil) -> TimeSpan {
        max(stoppedAt ?? plan.duration, lastEnd)
    }

    /// The prompts of `stream`'s requests, if the file gives any.
    public func prompts(of stream: Int) -> [String] { streams[stream].request.prompts }

    // MARK: - The closed-model users

    /// Arms the first send of each closed-model user of `stream` (none for open-model streams):
    /// `.timer(.send)` at the stream's start.
    public mutating func armFirstSends(of stream: Int) {
        let load = streams[stream]
        guard !stopped, load.schedule == nil, load.users > 0, load.start < load.end else { return }
        for _ in 0..<load.users {
            pendingSends += 1
            commands.append(.arm(.send(stream: stream), at: load.start))
        }
    }

    /// The shortest cycle of a closed-model user: one whose request took no time (dropped, or
    /// rejected everywhere) and whose think time is zero waits this long, so time moves on.
    public static var minimumCycle: TimeSpan { .milliseconds(1) }

    /// A closed-model user thinks, then sends again if that is still before the stream's end.
    mutating func think(stream index: Int, from now: TimeSpan, sentAt: TimeSpan) {
        guard !stopped else { return }
        var next = now + streams[index].think.sample(using: &streams[index].generator)
        next = max(next, sentAt + RunCore.minimumCycle)
        if next < streams[index].end {
            pendingSends += 1
            commands.append(.arm(.send(stream: index), at: next))
        }
    }

    // MARK: - Breakers

    private mutating func fire(provider: Int, at now: TimeSpan) {
        guard breakers[provider].nextTimer == now, let record = breakers[provider].fire(at: now) else { return }
        note(record, provider: provider)
    }

    /// Records a transition, and arms the breaker's timer if it now has one.
    mutating func note(_ transition: TransitionRecord, provider: Int) {
        transitionCount += 1
        samples.append(.transition(transition))
        if let timer = breakers[provider].nextTimer {
            commands.append(.arm(.breaker(provider: provider), at: timer))
        }
    }
}
