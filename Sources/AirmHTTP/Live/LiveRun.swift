import AirmEngine
import AirmSpec

/// Runs an experiment in wall-clock time against real (or faked) providers, with the engine's
/// state machines (DESIGN.md §1 "One engine, two drivers", §8).
///
/// The actor owns every state machine the simulator uses: breakers, request flows, the fault
/// schedule, retry jitter generators and the metrics recorder. Real timers and real HTTP
/// completions feed them; no policy decision is made here.
///
/// - Arrivals follow `ArrivalSchedule` at their scheduled wall times; latency runs from the
///   scheduled arrival, so a late send does not hide its lateness.
/// - Each attempt and each retry wait is a task on the cooperative pool: thousands in flight
///   need no thread each.
/// - A breaker's open → half_open transition fires from a timer at exactly its scheduled time.
/// - Random streams are derived from the seed as in simulation: `traffic:`, `provider:`,
///   `fault:`, `retry:`.
///
/// `stop()` stops arrivals; requests in flight still finish or time out, and the result's
/// verdict is `interrupted`.
public actor LiveRun {
    typealias Stream = StreamLoad

    /// One request in flight and its current attempt.
    struct Slot {
        var flow: RequestFlow
        let stream: Int
        let prompt: String
        var provider = 0
        var token: CircuitBreaker.Token?
        var startedAt = TimeSpan.zero
        /// A closed-model user waiting for this request's outcome.
        var waiter: CheckedContinuation<Void, Never>?
    }

    // MARK: - State

    public let experiment: Experiment
    let router: Router
    var breakers: [CircuitBreaker]
    var faults: FaultSchedule
    var retryGenerators: [SeededGenerator]
    /// Per provider: the in-process model, used for `simulated` providers (no transport).
    var models: [SimulatedProvider]
    /// Per provider: the fault transport over its real client; `nil` for `simulated` providers.
    let transports: [FaultTransport?]
    let slowOver: [TimeSpan?]
    var streams: [Stream]
    var recorder: MetricsRecorder

    var slots: [Int: Slot] = [:]
    var nextID = 0
    var inFlight = 0
    var requestCount = 0
    var completedCount = 0
    var lastEnd = TimeSpan.zero
    /// How late each arrival was sent against its scheduled time.
    public internal(set) var lateness = SendLateness()
    /// Per provider: the breaker timer already armed, so one is not armed twice.
    var armedTimers: [TimeSpan?]
    var timerTasks: [Task<Void, Never>] = []

    let clock = ContinuousClock()
    var origin: ContinuousClock.Instant
    var started = false
    var stopped = false
    var over = false
    var arrivalTask: Task<Void, Never>?
    var drainWaiter: CheckedContinuation<Void, Never>?

    /// - Parameters:
    ///   - transports: per provider in `experiment.providers` order; `nil` runs that provider on the
    ///     engine's simulated model in wall time.
    ///   - seed: overrides the experiment's seed when given.
    public init(_ experiment: Experiment, transports: [FaultTransport?], seed: UInt64? = nil) {
        var experiment = experiment
        if let seed { experiment.seed = seed }
        experiment.mode = .live
        let seed = experiment.seed
        self.experiment = experiment
        router = Router(experiment)
        let timeline = Timeline(experiment)
        breakers = DriverSetup.breakers(experiment)
        models = DriverSetup.models(experiment, seed: seed)
        retryGenerators = DriverSetup.retryGenerators(experiment, seed: seed)
        slowOver = DriverSetup.slowCallThresholds(experiment)
        faults = FaultSchedule(experiment, timeline: timeline, seed: seed)
        self.transports = experiment.providers.indices.map { $0 < transports.count ? transports[$0] : nil }
        armedTimers = Array(repeating: nil, count: experiment.providers.count)
        recorder = MetricsRecorder(experiment: experiment)
        streams = StreamLoad.all(in: experiment, timeline: timeline, seed: seed)
        origin = clock.now
    }

    // MARK: - Running

    /// Runs the experiment to its end (or until `stop()`), then builds its result.
    /// `startedAt` is the ISO 8601 wall-clock start stamped on the result.
    public func run(startedAt: String) async -> RunResult {
        origin = clock.now
        started = true
        let arrivals = Task { await self.runArrivals() }
        arrivalTask = arrivals
        if stopped { arrivals.cancel() }
        await arrivals.value
        if inFlight > 0 {
            await withCheckedContinuation { drainWaiter = $0 }
        }
        over = true
        for task in timerTasks { task.cancel() }
        timerTasks.removeAll()
        let endedAt = stopped ? max(now(), lastEnd) : max(experiment.duration, lastEnd)
        return RunResultBuilder.build(experiment: experiment, recorder: recorder, endedAt: endedAt,
                                      finalStates: breakers.map(\.state), startedAt: startedAt,
                                      verdictOverride: stopped ? .interrupted : nil)
    }

    /// Stops arrivals: requests in flight finish or time out, and the run ends `interrupted`.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        arrivalTask?.cancel()
    }

    /// Where the run stands now.
    public func progress() -> LiveProgress {
        LiveProgress(elapsed: started ? now() : .zero, total: experiment.duration, requests: requestCount,
                     completed: completedCount, inFlight: inFlight,
                     breakers: zip(experiment.providers, breakers).map { .init(provider: $0.name, state: $1.state) },
                     stopping: stopped)
    }

    /// Wall time since the run started.
    func now() -> TimeSpan { TimeSpan(clock.now - origin) }

    func instant(_ time: TimeSpan) -> ContinuousClock.Instant { origin + .nanoseconds(time.nanoseconds) }

    // MARK: - Arrivals

    private func runArrivals() async {
        await withTaskGroup(of: Void.self) { group in
            for index in streams.indices {
                if let schedule = streams[index].schedule {
                    group.addTask { await self.openArrivals(stream: index, schedule: schedule) }
                } else if streams[index].users > 0, streams[index].start < streams[index].end {
                    for _ in 0..<streams[index].users {
                        group.addTask { await self.user(stream: index) }
                    }
                }
            }
        }
    }

    /// An open-model stream: each arrival at its scheduled wall time.
    private nonisolated func openArrivals(stream index: Int, schedule: ArrivalSchedule) async {
        var schedule = schedule
        let origin = await self.origin
        while let next = schedule.next() {
            do {
                try await Task.sleep(until: origin + .nanoseconds(next.nanoseconds), clock: .continuous)
            } catch {
                return
            }
            guard await arrive(stream: index, scheduledAt: next, waiter: nil) else { return }
        }
    }

    /// The shortest cycle of a closed-model user, as in simulation.
    static var minimumCycle: TimeSpan { .milliseconds(1) }

    /// A closed-model user: sends, waits for the final answer, thinks, and sends again while
    /// before the stream's end.
    private func user(stream index: Int) async {
        var sendAt = streams[index].start
        while sendAt < streams[index].end, !stopped {
            if sendAt > now() {
                do {
                    try await Task.sleep(until: instant(sendAt), clock: .continuous)
                } catch {
                    return
                }
            }
            let sent = sendAt
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                if !arrive(stream: index, scheduledAt: sent, waiter: waiter) { waiter.resume() }
            }
            var next = now() + streams[index].think.sample(using: &streams[index].generator)
            next = max(next, sent + LiveRun.minimumCycle)
            sendAt = next
        }
    }
}
