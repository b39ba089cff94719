import AirmEngine
import AirmSpec
import Testing

/// The run core as a table: inputs stamped with a time in, commands and samples out.
@Suite struct RunCoreTests {
    typealias F = Fixtures

    static func core(_ experiment: Experiment) -> RunCore { RunCore(plan: Plan(experiment)) }

    /// The commands of one input, as short strings, and the core cleared for the next.
    static func step(_ core: inout RunCore, _ input: RunCore.Input, at seconds: Double) -> [String] {
        core.handle(input, at: F.s(seconds))
        defer {
            core.commands.removeAll()
            core.samples.removeAll()
        }
        return core.commands.map { command in
            switch command {
            case .start(let a): "start r\(a.request) on p\(a.provider) limit \(a.limit.seconds)"
            case .arm(.breaker(let p), let t): "arm breaker p\(p) at \(t.seconds)"
            case .arm(.retry(let r), let t): "arm retry r\(r) at \(t.seconds)"
            case .arm(.send(let s), let t): "arm send s\(s) at \(t.seconds)"
            }
        } + core.samples.map { sample in
            switch sample {
            case .request(let r): "request s\(r.stream) \(r.outcome) after \(r.attempts)"
            case .attempt(let a): "attempt p\(a.provider) \(a.result)"
            case .rejection(let p, _): "rejected p\(p)"
            case .transition(let t): "\(t.provider) \(t.from.rawValue)→\(t.to.rawValue)"
            }
        }
    }

    @Test func retriesThenFallsBackAndOpensTheBreaker() {
        let retry = RetryPolicy(maxAttempts: 2, backoff: .init(initial: .milliseconds(200), multiplier: 2, max: .seconds(1)))
        var policy = ProviderPolicy(timeout: .seconds(1), retry: retry)
        policy.breaker = BreakerPolicy(consecutiveFailures: 2, openFor: .seconds(5))
        var core = Self.core(F.experiment(duration: F.s(10), providers: [F.provider("a"), F.provider("b")], policy: policy,
                                          traffic: [F.stream(F.rate(1))]))
        let failure = AttemptResult.failure(.unavailable)
        #expect(Self.step(&core, .arrival(stream: 0, user: false, scheduledAt: .zero), at: 0) == ["start r0 on p0 limit 1.0"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: failure, retryAfter: nil), at: 0.1)
                    == ["arm retry r0 at 0.3", "attempt p0 failure(AirmSpec.ErrorKind.unavailable)"])
        #expect(Self.step(&core, .timer(.retry(request: 0)), at: 0.3) == ["start r0 on p0 limit 1.0"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: failure, retryAfter: nil), at: 0.4)
                    == ["arm breaker p0 at 5.4", "start r0 on p1 limit 1.0",
                        "attempt p0 failure(AirmSpec.ErrorKind.unavailable)", "a closed→open"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: .success(slow: false), retryAfter: nil), at: 0.5)
                    == ["attempt p1 success(slow: false)", "request s0 fallback after 3"])
        #expect(Self.step(&core, .arrival(stream: 0, user: false, scheduledAt: F.s(1)), at: 1)
                    == ["start r0 on p1 limit 1.0", "rejected p0"])
        #expect(Self.step(&core, .timer(.breaker(provider: 0)), at: 5.4) == ["a open→half_open"])
        #expect(core.inFlight == 1 && core.requestCount == 2 && core.attemptCount == 4)
    }

    @Test func dropsBeyondMaxInFlight() {
        var core = Self.core(F.experiment(duration: F.s(10), providers: [F.provider("a")],
                                          traffic: [F.stream(F.rate(1), maxInFlight: 1)]))
        #expect(Self.step(&core, .arrival(stream: 0, user: false, scheduledAt: .zero), at: 0) == ["start r0 on p0 limit 10.0"])
        #expect(Self.step(&core, .arrival(stream: 0, user: false, scheduledAt: F.s(1)), at: 1) == ["request s0 dropped after 0"])
        #expect(core.inFlight == 1 && core.completedCount == 1)
    }

    @Test func closedModelUsersThinkThenSendAgainUntilTheEnd() {
        let users = TrafficStream.Shape.users(2, think: .fixed(F.s(2)))
        var core = Self.core(F.experiment(duration: F.s(3), providers: [F.provider("a")], traffic: [F.stream(users)]))
        core.armFirstSends(of: 0)
        #expect(core.commands.map { "\($0)" }.count == 2 && core.pendingSends == 2)
        core.commands.removeAll()
        #expect(Self.step(&core, .timer(.send(stream: 0)), at: 0) == ["start r0 on p0 limit 10.0"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: .success(slow: false), retryAfter: nil), at: 0.5)
                    == ["arm send s0 at 2.5", "attempt p0 success(slow: false)", "request s0 ok after 1"])
        #expect(Self.step(&core, .timer(.send(stream: 0)), at: 2.5) == ["start r0 on p0 limit 10.0"])
        // The next send would come at 5 s, after the stream's end: none is armed.
        #expect(Self.step(&core, .attemptEnded(request: 0, result: .success(slow: false), retryAfter: nil), at: 3)
                    == ["attempt p0 success(slow: false)", "request s0 ok after 1"])
        #expect(!core.isDrained)  // the second user's first send is still pending
        core.stop()
        #expect(core.isDrained)
        #expect(Self.step(&core, .timer(.send(stream: 0)), at: 3.5) == [])
    }

    /// Two drivers that feed the core the same events at the same times get the same samples:
    /// the simulator, and a driver that delivers each input as soon as it is due from a plain
    /// time-ordered list, as a wall-clock driver would.
    @Test(arguments: [1, 2, 3])
    func anotherDriverGetsTheSimulatorsSamples(seed: UInt64) {
        let retry = RetryPolicy(maxAttempts: 2, backoff: .init(initial: .milliseconds(100), multiplier: 2, max: .seconds(1), jitter: .full))
        var policy = ProviderPolicy(timeout: .milliseconds(800), retry: retry)
        policy.breaker = BreakerPolicy(consecutiveFailures: 3, openFor: .seconds(2))
        let experiment = F.experiment(
            duration: F.s(20), providers: [F.provider("a", latency: .uniform(F.ms(50), F.ms(900)), errorRate: 0.1),
                                           F.provider("b", latency: .fixed(F.ms(120)))],
            policy: policy,
            traffic: [F.stream(F.rate(40, .poisson), maxInFlight: 30), F.stream(.users(3, think: .exponential(mean: F.ms(300))), name: "users")],
            faults: [F.fault("down", "a", .unavailable, at: 5, for: 4)], fallback: true, seed: seed)
        let plan = Plan(experiment)
        var simulated = CollectingRecorder()
        _ = Simulator.run(plan, recorder: &simulated)
        #expect(simulated.requests.count > 800 && simulated.transitions.count >= 2 && simulated.count(.dropped) >= 0)
        #expect(ListDriver.run(plan) == simulated.entries)
    }
}

/// A second, deliberately plain driver: a sorted list of due inputs, popped one at a time.
enum ListDriver {
    struct Due {
        var time: TimeSpan
        var order: Int
        var input: RunCore.Input
    }

    static func run(_ plan: Plan) -> [CollectingRecorder.Entry] {
        var core = RunCore(plan: plan)
        var models = DriverSetup.models(plan)
        let slow = DriverSetup.slowCallThresholds(plan)
        var due: [Due] = []
        var order = 0
        var recorder = CollectingRecorder()
        func schedule(_ input: RunCore.Input, at time: TimeSpan, rank: Int) {
            order += 1
            due.append(Due(time: time, order: rank << 40 | order, input: input))
        }
        func carryOut(at now: TimeSpan) {
            for sample in core.samples { sample.record(into: &recorder) }
            core.samples.removeAll()
            for command in core.commands {
                switch command {
                case .start(let a):
                    let end = AttemptModel.resolve(a.effect, provider: &models[a.provider], at: now, limit: a.limit,
                                                   slowOver: slow[a.provider], maxTokens: nil)
                    schedule(.attemptEnded(request: a.request, result: end.result, retryAfter: end.retryAfter),
                             at: now + end.duration, rank: 1)
                case .arm(.breaker(let p), let t): schedule(.timer(.breaker(provider: p)), at: t, rank: 0)
                case .arm(.retry(let r), let t): schedule(.timer(.retry(request: r)), at: t, rank: 2)
                case .arm(.send(let s), let t): schedule(.arrival(stream: s, user: true, scheduledAt: t), at: t, rank: 3)
                }
            }
            core.commands.removeAll()
        }
        var schedules = core.streams.map(\.schedule)
        func nextArrival(_ stream: Int) {
            if let time = schedules[stream]?.next() {
                schedule(.arrival(stream: stream, user: false, scheduledAt: time), at: time, rank: 3)
            }
        }
        for index in core.streams.indices {
            if schedules[index] != nil { nextArrival(index) } else { core.armFirstSends(of: index); carryOut(at: .zero) }
        }
        while let index = due.indices.min(by: { (due[$0].time, due[$0].order) < (due[$1].time, due[$1].order) }) {
            let next = due.remove(at: index)
            if case .timer(.breaker) = next.input, next.time > plan.duration, core.inFlight == 0 { break }
            if case .arrival(let stream, false, _) = next.input { nextArrival(stream) }
            core.handle(next.input, at: next.time)
            carryOut(at: next.time)
        }
        return recorder.entries
    }
}
