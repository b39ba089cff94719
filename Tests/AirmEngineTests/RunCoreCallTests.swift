import AirmEngine
import AirmSpec
import Testing

/// The run core as the gateway drives it: calls from outside any stream, faults added and
/// ended while running, breakers acted on by hand, in virtual time.
@Suite struct RunCoreCallTests {
    typealias F = Fixtures

    static func core(_ experiment: Experiment) -> RunCore { RunCore(plan: Plan(experiment)) }

    /// The commands, samples and answers of one input, as short strings, and the core cleared.
    static func step(_ core: inout RunCore, _ input: RunCore.Input, at seconds: Double) -> [String] {
        core.handle(input, at: F.s(seconds))
        return drain(&core)
    }

    static func drain(_ core: inout RunCore) -> [String] {
        defer {
            core.commands.removeAll()
            core.samples.removeAll()
            core.answers.removeAll()
        }
        return core.commands.map { command in
            switch command {
            case .start(let a): "start r\(a.request) t\(a.ticket) on p\(a.provider)\(a.effect.decidedBy.map { " fault \($0)" } ?? "")"
            case .arm(.breaker(let p), let t): "arm breaker p\(p) at \(t.seconds)"
            case .arm(.retry(let r), let t): "arm retry r\(r) at \(t.seconds)"
            case .arm(.send(let s), let t): "arm send s\(s) at \(t.seconds)"
            }
        } + core.samples.map { sample in
            switch sample {
            case .request(let r): "request s\(r.stream) \(r.outcome)"
            case .attempt(let a): "attempt p\(a.provider) \(a.result)"
            case .rejection(let p, _): "rejected p\(p)"
            case .transition(let t): "\(t.provider) \(t.from.rawValue)→\(t.to.rawValue)"
            }
        } + core.answers.map { answer in
            "answer t\(answer.ticket) \(answer.outcome) after \(answer.attempts) on \(answer.provider.map { "p\($0)" } ?? "none")"
                + (answer.failure.map { " \($0.rawValue)" } ?? "")
        }
    }

    static let failure = AttemptResult.failure(.unavailable)
    static let success = AttemptResult.success(slow: false)

    static func twoProviders(fallback: Bool = false, faults: [Fault] = []) -> Experiment {
        var policy = ProviderPolicy(timeout: .seconds(1))
        policy.breaker = BreakerPolicy(consecutiveFailures: 2, openFor: .seconds(5))
        return F.experiment(duration: Experiment.openEnded, providers: [F.provider("a"), F.provider("b")], policy: policy,
                            traffic: [], faults: faults, fallback: fallback)
    }

    @Test func aCallIsAnsweredWithItsTicketAndFallsBackLikeAnyRequest() {
        var core = Self.core(Self.twoProviders())
        #expect(Self.step(&core, .call(ticket: 7, provider: nil), at: 0) == ["start r0 t7 on p0"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: Self.failure, retryAfter: nil), at: 0.1)
                    == ["start r0 t7 on p1", "attempt p0 failure(AirmSpec.ErrorKind.unavailable)"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: Self.success, retryAfter: nil), at: 0.2)
                    == ["attempt p1 success(slow: false)", "request s-1 fallback", "answer t7 fallback after 2 on p1"])
        #expect(core.inFlight == 0 && core.requestCount == 1 && core.completedCount == 1)
    }

    @Test func aCallForOneProviderStartsOnItsLegAndIsOkThere() {
        var core = Self.core(Self.twoProviders())
        #expect(Self.step(&core, .call(ticket: 1, provider: 1), at: 0) == ["start r0 t1 on p1"])
        #expect(Self.step(&core, .attemptEnded(request: 0, result: Self.success, retryAfter: nil), at: 0.1)
                    == ["attempt p1 success(slow: false)", "request s-1 ok", "answer t1 ok after 1 on p1"])
    }

    @Test func aCallRejectedEverywhereIsAnsweredAtOnce() {
        var core = Self.core(Self.twoProviders(fallback: true))
        core.control(.forceOpen, provider: 0, at: .zero)
        core.control(.forceOpen, provider: 1, at: .zero)
        #expect(Self.drain(&core) == ["a closed→forced_open", "b closed→forced_open"])
        #expect(Self.step(&core, .call(ticket: 3, provider: nil), at: 1)
                    == ["rejected p0", "rejected p1", "request s-1 degraded", "answer t3 degraded after 0 on none"])
    }

    @Test func breakersActedOnByHandRecordTheirTransitions() {
        var core = Self.core(Self.twoProviders())
        #expect(core.control(.disable, provider: 0, at: F.s(1))?.to == .disabled)
        #expect(core.control(.disable, provider: 0, at: F.s(2)) == nil)
        #expect(core.control(.reset, provider: 0, at: F.s(3))?.to == .closed)
        #expect(Self.drain(&core) == ["a closed→disabled", "a disabled→closed"])
        // Two failures open the breaker, which arms its timer; a reset closes it, and the stale timer does nothing.
        for (ticket, time) in [(UInt64(1), 4.0), (2, 4.1)] {
            _ = Self.step(&core, .call(ticket: ticket, provider: 0), at: time)
            _ = Self.step(&core, .attemptEnded(request: Int32(ticket - 1), result: Self.failure, retryAfter: nil), at: time)
        }
        #expect(core.breakers[0].state == .open)
        #expect(core.control(.reset, provider: 0, at: F.s(5))?.to == .closed)
        _ = Self.drain(&core)
        #expect(Self.step(&core, .timer(.breaker(provider: 0)), at: 9.1) == [])
        #expect(core.breakers[0].state == .closed)
    }

    @Test func anInjectedFaultAppliesInItsWindowAndEndsWhenStopped() {
        var core = Self.core(Self.twoProviders())
        let fault = F.fault("outage", "a", UnavailableFault(), at: 0, for: 10)
        let index = core.inject(fault, from: F.s(1), to: F.s(11))
        #expect(index == 0 && core.fault(index)?.name == "outage")
        #expect(Self.step(&core, .call(ticket: 1, provider: nil), at: 0.5) == ["start r0 t1 on p0"])
        _ = Self.step(&core, .attemptEnded(request: 0, result: Self.success, retryAfter: nil), at: 0.6)
        #expect(Self.step(&core, .call(ticket: 2, provider: nil), at: 2) == ["start r0 t2 on p0 fault 0"])
        _ = Self.step(&core, .attemptEnded(request: 0, result: Self.success, retryAfter: nil), at: 2.1)
        core.endFault(index, at: F.s(3))
        #expect(Self.step(&core, .call(ticket: 3, provider: nil), at: 3) == ["start r0 t3 on p0"])
    }

    @Test func faultsAddedWhileRunningAreNumberedAfterTheFilesOwn() {
        let configured = F.fault("slow", "b", UnavailableFault(), at: 100, for: 1)
        var core = Self.core(Self.twoProviders(faults: [configured]))
        let first = core.inject(F.fault("x", "*", UnavailableFault(), at: 0, for: 1), from: .zero, to: F.s(1))
        let second = core.inject(F.fault("x", "*", UnavailableFault(), at: 0, for: 1), from: F.s(2), to: F.s(3))
        #expect([first, second] == [1, 2])
        #expect(core.fault(0)?.name == "slow" && core.fault(2)?.name == "x" && core.fault(3) == nil)
        // The first has ended by the time the second is added; only the second applies at 2 s.
        #expect(Self.step(&core, .call(ticket: 1, provider: 1), at: 2) == ["start r0 t1 on p1 fault 2"])
    }

    @Test func aCallAfterStopIsDroppedAndAnswered() {
        var core = Self.core(Self.twoProviders())
        core.stop()
        #expect(Self.step(&core, .call(ticket: 9, provider: nil), at: 1) == ["request s-1 dropped", "answer t9 dropped after 0 on none"])
        #expect(core.isDrained)
    }
}
