import AirmEngine
import AirmSpec

/// Runs an experiment in wall-clock time against real (or faked) providers: the live driver of
/// the `RunCore` (docs/architecture.md "One run core").
///
/// The actor feeds the core what happens in wall time and carries out its commands: attempts
/// become HTTP calls through each provider's fault transport, timers become tasks that sleep
/// until their time, samples go to the metrics recorder. No policy decision is made here.
///
/// - Open-model arrivals follow `ArrivalSchedule` at their scheduled wall times; latency runs
///   from the scheduled arrival, so a late send does not hide its lateness.
/// - Each attempt and each timer is a task on the cooperative pool: thousands in flight need
///   no thread each.
/// - A breaker's open → half_open transition fires at exactly its scheduled time.
/// - Random streams come from the plan's seed as in simulation.
///
/// `stop()` stops arrivals; requests in flight still finish or time out, and the result's
/// verdict is `interrupted`, unless every arrival had already been sent.
public actor LiveRun {
    public let plan: Plan
    var core: RunCore
    /// Per provider: the in-process model, used for `simulated` providers (no transport).
    var models: [SimulatedProvider]
    /// Per provider: the fault transport over its real client; `nil` for `simulated` providers.
    let transports: [FaultTransport?]
    let slowOver: [TimeSpan?]
    var recorder: MetricsRecorder
    /// Why attempts failed, per provider and kind.
    var errorSamples: ErrorSamples
    /// How late each arrival was sent against its scheduled time.
    public internal(set) var lateness = SendLateness()
    /// Per provider: the breaker timer already armed, so one is not armed twice.
    var armedTimers: [TimeSpan?]
    /// Timers not yet fired, by number.
    var timers = WallTimers()

    let clock = ContinuousClock()
    var origin: ContinuousClock.Instant
    var started = false
    var over = false
    var arrivalTask: Task<Void, Never>?
    var drainWaiter: CheckedContinuation<Void, Never>?
    /// Watches `abort_on_fail` assertions; `nil` when there are none.
    var abortWatch: AbortWatch?
    /// When and why arrivals stopped early, once they did.
    var stop: RunResultBuilder.Stop?

    /// - Parameter transports: per provider in `experiment.providers` order; `nil` runs that
    ///   provider on the engine's simulated model in wall time.
    public init(_ plan: Plan, transports: [FaultTransport?]) {
        self.plan = plan
        core = RunCore(plan: plan)
        models = DriverSetup.models(plan)
        slowOver = DriverSetup.slowCallThresholds(plan)
        let count = plan.providers.count
        self.transports = (0..<count).map { $0 < transports.count ? transports[$0] : nil }
        armedTimers = Array(repeating: nil, count: count)
        recorder = MetricsRecorder(plan: plan)
        abortWatch = AbortWatch(plan: plan)
        errorSamples = ErrorSamples(providers: count)
        origin = clock.now
    }

    // MARK: - Running

    /// Runs the experiment to its end (or until `stop()`), then builds its result.
    /// `startedAt` is the ISO 8601 wall-clock start stamped on the result.
    public func run(startedAt: String) async -> RunResult {
        origin = clock.now
        started = true
        for index in core.streams.indices { core.armFirstSends(of: index) }
        carryOut(at: .zero)
        let arrivals = Task { await self.runArrivals() }
        arrivalTask = arrivals
        if core.stopped { arrivals.cancel() }
        await arrivals.value
        if !core.isDrained {
            await withCheckedContinuation { drainWaiter = $0 }
        }
        over = true
        timers.cancelAll()
        let endedAt = core.endedAt(stoppedAt: stop?.at)
        // A signal makes the run `interrupted`; an `abort_on_fail` assertion that can no longer hold, `failed`.
        let interrupted = stop.map { !$0.byAssertion } ?? false
        var result = RunResultBuilder.build(plan: plan, recorder: recorder, endedAt: endedAt,
                                            finalStates: core.breakers.map(\.state), startedAt: startedAt,
                                            verdictOverride: interrupted ? .interrupted : nil, stop: stop)
        errorSamples.attach(to: &result, names: plan.providers.map(\.name))
        return result
    }

    /// Stops arrivals: requests in flight finish or time out, and the run ends `interrupted`.
    /// `reason` says why, in the result ("interrupted by SIGINT").
    ///
    /// Once the run's duration is over every arrival has been sent and only the drain is left:
    /// the run is complete, so a stop then changes nothing and the verdict is the assertions'.
    public func stop(reason: String = "interrupted") {
        if started && now() >= plan.duration { return }
        halt(RunResultBuilder.Stop(at: started ? now() : .zero, reason: reason))
    }

    func halt(_ stop: RunResultBuilder.Stop) {
        guard !core.stopped else { return }
        self.stop = stop
        core.stop()
        arrivalTask?.cancel()
        resumeIfDrained()
    }

    /// Where the run stands now.
    public func progress() -> LiveProgress {
        LiveProgress(elapsed: started ? now() : .zero, total: plan.duration, requests: core.requestCount,
                     completed: core.completedCount, inFlight: core.inFlight,
                     breakers: zip(plan.providers, core.breakers).map { .init(provider: $0.name, state: $1.state) },
                     stopping: core.stopped)
    }

    /// Wall time since the run started.
    func now() -> TimeSpan { TimeSpan(clock.now - origin) }

    func instant(_ time: TimeSpan) -> ContinuousClock.Instant { origin + .nanoseconds(time.nanoseconds) }

    // MARK: - Open-model arrivals

    private func runArrivals() async {
        let schedules = core.streams.indices.compactMap { index in core.streams[index].schedule.map { (index, $0) } }
        await OpenArrivals.run(schedules, origin: origin) { stream, next in
            await self.arrive(stream: stream, user: false, scheduledAt: next)
        }
    }

    /// A request arrives, due at `scheduledAt`. Returns `false` once arrivals have stopped.
    @discardableResult
    func arrive(stream index: Int, user: Bool, scheduledAt: TimeSpan) -> Bool {
        guard !over else { return false }
        let wall = now()
        if !core.stopped { lateness.add(wall - scheduledAt) }
        deliver(.arrival(stream: index, user: user, scheduledAt: scheduledAt), at: max(wall, scheduledAt))
        return !core.stopped
    }
}
