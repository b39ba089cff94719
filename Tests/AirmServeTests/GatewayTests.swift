import AirmEngine
import AirmHTTP
import AirmServe
import AirmSpec
import Testing

/// The gateway driver in short wall time: faults on their schedule and injected, events in
/// order, breaker actions, automation and drain. (The logic is pinned in virtual time by
/// `RunCoreCallTests`; these check the wiring.)
@Suite struct GatewayTests {
    static func call(_ gateway: Gateway, provider: Int? = nil) async -> CallRecord {
        await gateway.call(Gateway.Call(prompt: "hi", provider: provider))
    }

    /// Reads events until one matches `stop`, returning them as short strings.
    /// The events up to the first that `stop` accepts. An event that never comes fails the test
    /// after 60 s instead of holding the whole run.
    static func read(_ stream: ServeEventStream, until stop: @escaping @Sendable (String) -> Bool) async -> [String] {
        await withTaskGroup(of: [String]?.self) { group in
            group.addTask {
                var seen: [String] = []
                for await event in stream.events {
                    let text = describe(event)
                    seen.append(text)
                    if stop(text) { break }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            guard let seen = first else {
                Issue.record("the awaited event did not come within 60 s")
                return []
            }
            return seen
        }
    }

    static func describe(_ event: ServeEvent) -> String {
        switch event.kind {
        case .call(let record): "call \(record.outcome) \(record.provider ?? "-")\(record.fault.map { " fault \($0)" } ?? "")"
        case .attempt(let provider, let result, _): "attempt \(provider) \(result.isSuccess ? "ok" : "failed")"
        case .rejection(let provider): "rejected \(provider)"
        case .transition(let t): "\(t.provider) \(t.from.rawValue)→\(t.to.rawValue)"
        case .breakerAction(let provider, let action, _): "\(action.rawValue) \(provider)"
        case .faultStarted(let fault): "fault \(fault.name) started"
        case .faultStopped(let fault, let early): "fault \(fault.name) \(early ? "stopped" : "ended")"
        case .automationStarted(let status): "automation \(status.name) started"
        case .automationStopped(let status): "automation \(status.name) stopped"
        }
    }

    @Test func anInjectedFaultOpensTheBreakerAndRollsBackByItself() async throws {
        let events = ServeEventStream()
        // Open for 1 s: long enough that a loaded machine still reads `open` right after the calls.
        let gateway = try ServeHarness.gateway(ServeHarness.config(openFor: "1s"), observers: [events])
        let outage = Fault(name: "outage", target: .providers(["primary"]), kind: UnavailableFault(), end: .for(.seconds(60)))
        let added = try await gateway.inject(outage).get()
        #expect(added.origin == .injected && added.end - added.start == .seconds(60))
        #expect(await Self.call(gateway).outcome == .fallback)
        #expect(await Self.call(gateway).outcome == .fallback)
        #expect(await gateway.breakers().map(\.state) == [.open, .closed])
        // A short fault ends by itself.
        let blip = Fault(name: "blip", target: .providers(["backup"]), kind: UnavailableFault(), end: .for(.milliseconds(50)))
        _ = try await gateway.inject(blip).get()
        let seen = await Self.read(events) { $0 == "fault blip ended" }
        // The breaker may already have let a probe through on a slow machine; that transition aside, the order is fixed.
        #expect(seen.filter { !$0.contains("half_open") }.prefix(9) == ["fault outage started",
                                   "attempt primary failed", "attempt backup ok", "call fallback backup fault outage",
                                   "attempt primary failed", "primary closed→open", "attempt backup ok", "call fallback backup fault outage",
                                   "fault blip started"])
        #expect(await gateway.pendingFaults().map(\.name) == ["outage"])
        // Once the outage is stopped, the breaker lets a probe through after 1 s open, and it closes.
        #expect(await gateway.stopFaults(named: "outage").map(\.name) == ["outage"])
        if !seen.contains("primary open→half_open") {
            let after = await Self.read(events) { $0 == "primary open→half_open" }
            #expect(after.first == "fault outage stopped")
        }
        #expect(await Self.call(gateway).provider == "primary")
        #expect(await gateway.breakers().map(\.state) == [.closed, .closed])
    }

    @Test func configuredFaultsRunOnTheirScheduleAndStopEarly() async throws {
        let events = ServeEventStream()
        let extra = """
        faults:
          - { name: later, target: "*", type: latency, delay: 1s, at: 1h, for: 1m }
          - { name: now, target: backup, type: error, status: 500, for: 1h }
        """
        let gateway = try ServeHarness.gateway(ServeHarness.config(extra: extra), observers: [events])
        await gateway.scheduleConfiguredFaults()
        let pending = await gateway.pendingFaults()
        #expect(pending.map(\.name) == ["later", "now"] && pending.allSatisfy { $0.origin == .config })
        #expect(await Self.call(gateway, provider: 1).outcome == .degraded)
        #expect(await gateway.stopFaults(named: "now").map(\.name) == ["now"])
        #expect(await Self.call(gateway, provider: 1).outcome == .ok)
        #expect(await gateway.stopFaults(named: nil).map(\.name) == ["later"])
        let seen = await Self.read(events) { $0 == "fault now stopped" }
        #expect(seen.first == "fault now started")
        #expect(seen.contains("call degraded backup fault now"))
    }

    @Test func breakerActionsAreEvents() async throws {
        let events = ServeEventStream()
        let gateway = try ServeHarness.gateway(observers: [events])
        _ = await gateway.control(.forceOpen, providers: [0])
        _ = await gateway.control(.reset)
        let seen = await Self.read(events) { $0 == "reset backup" }
        #expect(seen == ["force_open primary", "primary closed→forced_open", "reset primary", "primary forced_open→closed", "reset backup"])
    }

    @Test func automationSendsCallsUntilStopped() async throws {
        let events = ServeEventStream()
        let gateway = try ServeHarness.gateway(observers: [events])
        let stream = TrafficStream(name: "clicks", shape: .rate(Rate(perSecond: 100), .uniform))
        #expect(try await gateway.startAutomation(stream).get().rate == "100/s")
        let seen = await Self.read(events) { $0.hasPrefix("call ") }
        #expect(seen.first == "automation clicks started" && seen.last == "call ok primary")
        #expect(await gateway.stopAutomation()?.name == "clicks")
        #expect(await gateway.automationStatus() == nil)
        var short = TrafficStream(name: "short", shape: .rate(Rate(perSecond: 100), .uniform))
        short.duration = .milliseconds(30)
        _ = try await gateway.startAutomation(short).get()
        let ended = await Self.read(events) { $0 == "automation short stopped" }
        #expect(ended.contains("automation clicks stopped") && ended.contains("automation short started"))
        #expect(await gateway.automationStatus() == nil)
        let users = TrafficStream(name: "people", shape: .users(2, think: .fixed(.seconds(1))))
        #expect(await gateway.startAutomation(users) == .failure(.closedModel))
    }

    @Test func drainWaitsForCallsInFlightThenDropsNewOnes() async throws {
        let gateway = try ServeHarness.gateway(ServeHarness.config().replacingOccurrences(of: "latency: 1ms", with: "latency: 200ms"))
        let inFlight = Task { await Self.call(gateway) }
        while await gateway.inFlight == 0 { await Task.yield() }
        await gateway.drain()
        #expect(await gateway.inFlight == 0)
        #expect(await inFlight.value.outcome == .ok)
        #expect(await Self.call(gateway).outcome == .dropped)
    }
}

extension AttemptResult {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

/// A provider client that always fails, echoing the key it was given, as some APIs do.
struct EchoingKeyClient: ProviderClient {
    func complete(_ request: CompletionRequest, timeout: TimeSpan) async -> CompletionOutcome {
        .failure(.auth, retryAfter: nil, status: 401, message: "invalid key sk-live-123456")
    }
}

@Suite struct GatewayKeyTests {
    @Test func aKeyEchoedInAnErrorNeverReachesTheStatus() async throws {
        let source = """
        providers:
          real: { type: openai, api_key: sk-live-123456 }
        policy: { route: [real], fallback: { response: "later" } }
        """
        let gateway = Gateway(Plan(try ServeHarness.experiment(source)),
                              transports: [FaultTransport(provider: .openai, client: EchoingKeyClient())])
        #expect(await gateway.call(Gateway.Call(prompt: "hi")).outcome == .degraded)
        let last = try #require(await gateway.breakers().first?.lastError)
        #expect(last.kind == .auth && last.message == "HTTP 401: invalid key <redacted>")
    }
}
