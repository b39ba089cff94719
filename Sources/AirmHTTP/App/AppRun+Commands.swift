import AirmEngine
import AirmSpec

extension AppRun {
    /// Hands `input` to the core at `time` and carries out what it asks for.
    func deliver(_ input: RunCore.Input, at time: TimeSpan) {
        guard !over else { return }
        core.handle(input, at: time)
        carryOut(at: time)
        resumeIfDrained()
    }

    func resumeIfDrained() {
        guard core.isDrained, let drainWaiter else { return }
        self.drainWaiter = nil
        drainWaiter.resume()
    }

    /// Carries out the core's commands. Requests go to the recorder; the core's attempts are
    /// the app's answers, already in its request samples, and its pass-through breaker never moves.
    func carryOut(at now: TimeSpan) {
        for sample in core.samples {
            if case .request = sample { sample.record(into: &recorder) }
        }
        core.samples.removeAll(keepingCapacity: true)
        let commands = core.commands
        core.commands.removeAll(keepingCapacity: true)
        for command in commands {
            switch command {
            case .start(let attempt):
                send(attempt)
            case .arm(.breaker, _):
                continue
            case .arm(.retry(let request), let time):
                after(time) { $0.deliver(.timer(.retry(request: request)), at: $0.now()) }
            case .arm(.send(let stream), let time):
                after(time) { $0.arrive(stream: stream, user: true, scheduledAt: time) }
            }
        }
    }

    private func after(_ time: TimeSpan, _ action: @escaping @Sendable (isolated AppRun) -> Void) {
        timers.add(due: origin + .nanoseconds(time.nanoseconds)) { id in await self.fire(id, action) }
    }

    private func fire(_ id: Int, _ action: @Sendable (isolated AppRun) -> Void) {
        guard timers.take(id), !over else { return }
        action(self)
    }

    // MARK: - Requests to the app

    /// One request to the app; it ends by the attempt's limit (`app.request.timeout`).
    private func send(_ attempt: RunCore.Attempt) {
        let client = client
        Task {
            let answer = await client.send(limit: attempt.limit)
            await self.answered(attempt, answer)
        }
    }

    private func answered(_ attempt: RunCore.Attempt, _ answer: AppClient.Answer) {
        let statusClass = answer.status.map { "\($0 / 100)xx" } ?? "none"
        statusClasses[statusClass, default: 0] += 1
        deliver(.attemptEnded(request: attempt.request, result: answer.result, retryAfter: nil), at: now())
    }
}
