import AirmEngine
import AirmHTTP
import AirmSpec

extension Gateway {
    /// Automated traffic: calls sent on a traffic entry's schedule, as `POST /automation/start` asks.
    struct Automation {
        var status: AutomationStatus
        var task: Task<Void, Never>
        /// Calls sent and not answered yet.
        var inFlight = 0
        let maxInFlight: Int
    }

    /// Why automation could not start.
    public enum AutomationProblem: Error, Sendable, Equatable {
        /// A `users` stream has no schedule of its own; automation takes `rate`, `stages` or `burst`.
        case closedModel
    }

    /// Starts sending calls on `stream`'s schedule from now, replacing automation already
    /// running. Each call goes through the policy like any other, with the stream's prompts in
    /// turn; a send is skipped while `max_in_flight` calls of the automation are unanswered.
    public func startAutomation(_ stream: TrafficStream) -> Result<AutomationStatus, AutomationProblem> {
        if case .users = stream.shape { return .failure(.closedModel) }
        var experiment = plan.experiment
        experiment.duration = Experiment.openEnded
        experiment.traffic = [stream]
        experiment.faults = []
        let generator = DriverSetup.trafficGenerator(stream, seed: plan.seed)
        guard let schedule = ArrivalSchedule(stream, timeline: Timeline(experiment), generator: generator) else {
            return .failure(.closedModel)
        }
        return .success(run(schedule, stream: stream))
    }

    private func run(_ schedule: ArrivalSchedule, stream: TrafficStream) -> AutomationStatus {
        _ = stopAutomation()
        let start = now()
        var rate: String?
        if case .rate(let value, _) = stream.shape { rate = value.description }
        let status = AutomationStatus(name: stream.name, rate: rate, start: start)
        let origin = instant(start)
        let task = Task { [weak self] in
            let ranOut = await OpenArrivals.run([(0, schedule)], origin: origin) { [weak self] _, _ in
                guard let self else { return false }
                return await self.sendAutomated(stream.request)
            }
            // The stream's `duration` is over: the automation ends by itself.
            if ranOut { await self?.automationEnded(startedAt: start) }
        }
        automation = Automation(status: status, task: task, maxInFlight: stream.maxInFlight)
        emit(.automationStarted(status), at: start)
        return status
    }

    /// Stops automated traffic; what was running, if anything. Calls already sent finish.
    public func stopAutomation() -> AutomationStatus? {
        guard let running = automation else { return nil }
        automation = nil
        running.task.cancel()
        emit(.automationStopped(running.status), at: now())
        return running.status
    }

    /// The automation running, if any.
    public func automationStatus() -> AutomationStatus? { automation?.status }

    /// Sends one automated call unless too many are unanswered; `false` once automation stopped.
    private func sendAutomated(_ request: TrafficStream.Request) -> Bool {
        guard var running = automation, !Task.isCancelled else { return false }
        guard running.inFlight < running.maxInFlight else { return true }
        running.inFlight += 1
        automation = running
        let prompts = request.prompts
        let count = nextTicket
        let call = Call(prompt: prompts.isEmpty ? "" : prompts[Int(count % UInt64(prompts.count))],
                        maxTokens: request.maxTokens, stream: request.stream, source: .automation)
        let startedBy = running.status.start
        Task {
            _ = await self.call(call)
            self.automatedCallEnded(startedBy: startedBy)
        }
        return true
    }

    private func automationEnded(startedAt start: TimeSpan) {
        guard let running = automation, running.status.start == start else { return }
        automation = nil
        emit(.automationStopped(running.status), at: now())
    }

    private func automatedCallEnded(startedBy start: TimeSpan) {
        guard automation?.status.start == start else { return }
        automation?.inFlight -= 1
    }
}
