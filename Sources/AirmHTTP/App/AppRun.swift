import AirmEngine
import AirmSpec
import AsyncHTTPClient

/// Sends the traffic of an app-mode experiment to the application under test in wall-clock
/// time: the app-mode driver of the `RunCore` (docs/architecture.md "One run core",
/// docs/app-mode.md "Traffic to the app").
///
/// As in `LiveRun`, open-model arrivals follow their schedule and latency runs from the
/// scheduled arrival; closed-model users think and send again. Here an attempt is one request to
/// the app: the plan's pass-through policy (`Policy.passThrough`) allows one per request, with
/// no retry and no breaker of airm's. The core's attempt samples are therefore the app's
/// answers, not provider calls, and are not recorded as such; the providers' calls come from
/// their fakes (`record(calls:)`).
public actor AppRun {
    public let plan: Plan
    var core: RunCore
    let client: AppClient
    var recorder: MetricsRecorder
    var errorSamples: ErrorSamples
    /// How late each arrival was sent against its scheduled time.
    public private(set) var lateness = SendLateness()
    var timers = WallTimers()
    /// When each request reached the app (its send time), for the breaker inference.
    public internal(set) var requestTimes: [TimeSpan] = []
    /// How many answers of each HTTP status class (`2xx` … `5xx`, and `none`) the app gave.
    public internal(set) var statusClasses: [String: Int] = [:]

    var origin = ContinuousClock.now
    var started = false
    var over = false
    var arrivalTask: Task<Void, Never>?
    var drainWaiter: CheckedContinuation<Void, Never>?
    /// When and why arrivals stopped early, once they did.
    var stop: RunResultBuilder.Stop?

    public init(_ plan: Plan, client: AppClient) {
        self.plan = plan
        self.client = client
        core = RunCore(plan: plan)
        recorder = MetricsRecorder(plan: plan)
        errorSamples = ErrorSamples(providers: plan.providers.count)
    }

    // MARK: - Running

    /// Sends the traffic from `origin` (the run's time zero) to its end, or until `stop()`, and
    /// returns once every request has its answer.
    public func run(from origin: ContinuousClock.Instant) async {
        self.origin = origin
        started = true
        for index in core.streams.indices { core.armFirstSends(of: index) }
        carryOut(at: now())
        let arrivals = Task { await self.runArrivals() }
        arrivalTask = arrivals
        if core.stopped { arrivals.cancel() }
        await arrivals.value
        if !core.isDrained {
            await withCheckedContinuation { drainWaiter = $0 }
        }
        over = true
        timers.cancelAll()
    }

    /// Stops arrivals: requests in flight finish or time out, and the run ends `interrupted`.
    /// `reason` says why, in the result ("interrupted by SIGINT").
    ///
    /// Once the run's duration is over every arrival has been sent and only the drain is left:
    /// the run is complete, so a stop then changes nothing, as in `LiveRun`.
    public func stop(reason: String = "interrupted") {
        if started && now() >= plan.duration { return }
        guard !core.stopped else { return }
        stop = RunResultBuilder.Stop(at: started ? now() : .zero, reason: reason)
        core.stop()
        arrivalTask?.cancel()
        resumeIfDrained()
    }

    public var wasStopped: Bool { core.stopped }

    /// Wall time since the run started.
    public func now() -> TimeSpan { TimeSpan(ContinuousClock.now - origin) }

    /// Where the run stands now.
    public func progress() -> LiveProgress {
        LiveProgress(elapsed: started ? now() : .zero, total: plan.duration, requests: core.requestCount,
                     completed: core.completedCount, inFlight: core.inFlight, breakers: [], stopping: core.stopped)
    }

    // MARK: - The result

    /// The providers' calls as their fakes saw them: `<provider>.calls`, `.errors.*`, latency.
    public func record(calls: [ProviderCall]) {
        for call in calls { recorder.record(call.sample) }
    }

    /// The breaker transitions assertions judge, in time order.
    public func record(transitions: [TransitionRecord]) {
        for transition in transitions.sorted(by: { $0.at < $1.at }) { recorder.record(transition) }
    }

    /// The run's result; `finalStates` are the observed breakers' last states, in provider order.
    public func result(startedAt: String, finalStates: [BreakerState]) -> RunResult {
        let endedAt = core.endedAt(stoppedAt: stop?.at)
        var result = RunResultBuilder.build(plan: plan, recorder: recorder, endedAt: endedAt, finalStates: finalStates,
                                            startedAt: startedAt, verdictOverride: stop == nil ? nil : .interrupted, stop: stop)
        errorSamples.attach(to: &result, names: plan.providers.map(\.name))
        return result
    }

    // MARK: - Open-model arrivals

    private func runArrivals() async {
        let schedules = core.streams.indices.compactMap { index in core.streams[index].schedule.map { (index, $0) } }
        await OpenArrivals.run(schedules, origin: origin) { stream, next in
            await self.arrive(stream: stream, user: false, scheduledAt: next)
        }
    }

    @discardableResult
    func arrive(stream index: Int, user: Bool, scheduledAt: TimeSpan) -> Bool {
        guard !over else { return false }
        let wall = now()
        if !core.stopped {
            lateness.add(wall - scheduledAt)
            requestTimes.append(max(wall, scheduledAt))
        }
        deliver(.arrival(stream: index, user: user, scheduledAt: scheduledAt), at: max(wall, scheduledAt))
        return !core.stopped
    }
}
