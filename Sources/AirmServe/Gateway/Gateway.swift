import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

/// The gateway driver of the run core (docs/architecture.md "One run core", docs/serve.md):
/// calls arrive over HTTP instead of from a traffic schedule, in wall time.
///
/// The actor owns the `RunCore`. A handler hands it a call and awaits the call's answer; the
/// actor feeds the core what happens in wall time and carries out its commands as `LiveRun`
/// does: attempts become calls through each provider's fault transport (or the simulated model
/// in wall time), timers become tasks that sleep until their time. Breakers, retries, fallback
/// and fault effects are the core's. Everything the core observes, and every operator action,
/// goes to the observers as `ServeEvent`s.
public actor Gateway {
    public let plan: Plan
    var core: RunCore
    /// Per provider: the in-process model, used where there is no transport.
    var models: [SimulatedProvider]
    /// Per provider: the fault transport over its real client; `nil` for simulated providers.
    let transports: [FaultTransport?]
    let slowOver: [TimeSpan?]
    let names: [String]
    /// The providers' keys, cut out of any error cause that would echo one.
    let secrets: [String]

    let clock = ContinuousClock()
    let origin: ContinuousClock.Instant
    let startDate: Date

    var observers: [UInt64: any ServeObserver] = [:]
    var nextObserver: UInt64 = 0
    /// Calls in flight, by ticket.
    var calls: [UInt64: PendingCall] = [:]
    var nextTicket: UInt64 = 0
    /// Per provider: the breaker timer already armed, so one is not armed twice.
    var armedTimers: [TimeSpan?]
    var timers = WallTimers()
    /// Faults not over yet, by index into the core's faults.
    var faults: [Int: FaultStatus] = [:]
    /// Per provider: the last failed attempt's cause, for `GET /test`.
    var lastErrors: [LastError?]
    var automation: Automation?
    var drainWaiter: CheckedContinuation<Void, Never>?

    /// A call waiting for its answer.
    struct PendingCall {
        var continuation: CheckedContinuation<CallRecord, Never>?
        var record: CallRecord
        var arrivedAt: TimeSpan
        var maxTokens: Int?
        var stream: Bool
    }

    /// Why a provider's last attempt failed, and when.
    public struct LastError: Sendable, Hashable {
        public var at: TimeSpan
        public var kind: ErrorKind
        public var message: String
    }

    /// - Parameters:
    ///   - transports: per provider in `experiment.providers` order; `nil` runs that provider on
    ///     the engine's simulated model in wall time.
    ///   - observers: receive every event from the start.
    public init(_ plan: Plan, transports: [FaultTransport?], observers: [any ServeObserver] = []) {
        self.plan = plan
        core = RunCore(plan: plan)
        models = DriverSetup.models(plan)
        slowOver = DriverSetup.slowCallThresholds(plan)
        names = plan.providers.map(\.name)
        secrets = plan.experiment.providers.compactMap { $0.apiKey?.value }.filter { $0.count >= 4 }
        let count = plan.providers.count
        self.transports = (0..<count).map { $0 < transports.count ? transports[$0] : nil }
        armedTimers = Array(repeating: nil, count: count)
        lastErrors = Array(repeating: nil, count: count)
        origin = clock.now
        startDate = Date()
        for observer in observers {
            self.observers[nextObserver] = observer
            nextObserver += 1
        }
    }

    // MARK: - Observers

    /// Adds an observer from now on; the number to remove it with.
    public func subscribe(_ observer: any ServeObserver) -> UInt64 {
        nextObserver += 1
        observers[nextObserver] = observer
        return nextObserver
    }

    public func unsubscribe(_ id: UInt64) {
        observers[id] = nil
    }

    func emit(_ kind: ServeEvent.Kind, at time: TimeSpan) {
        guard !observers.isEmpty else { return }
        let event = ServeEvent(at: time, date: startDate.addingTimeInterval(time.seconds), kind: kind)
        for observer in observers.values { observer.observe(event) }
    }

    // MARK: - Calls

    /// A call as a handler hands it over.
    public struct Call: Sendable {
        public var prompt: String
        /// Index into the providers: the call starts on this provider's leg of the route.
        public var provider: Int?
        public var maxTokens: Int?
        public var stream: Bool
        public var source: CallRecord.Source

        public init(prompt: String, provider: Int? = nil, maxTokens: Int? = nil, stream: Bool = false,
                    source: CallRecord.Source = .api) {
            self.prompt = prompt
            self.provider = provider
            self.maxTokens = maxTokens
            self.stream = stream
            self.source = source
        }
    }

    /// Sends `call` through the policy and returns how it ended.
    public func call(_ call: Call) async -> CallRecord {
        let now = now()
        nextTicket += 1
        let ticket = nextTicket
        let record = CallRecord(id: ticket, source: call.source, requested: call.provider.map { names[$0] }, provider: nil,
                                outcome: .dropped, attempts: 0, latency: .zero, failure: nil, fault: nil,
                                prompt: call.prompt, answer: nil)
        calls[ticket] = PendingCall(continuation: nil, record: record, arrivedAt: now, maxTokens: call.maxTokens,
                                    stream: call.stream)
        return await withCheckedContinuation { continuation in
            calls[ticket]?.continuation = continuation
            deliver(.call(ticket: ticket, provider: call.provider), at: now)
        }
    }

    /// Time since the gateway started.
    public func now() -> TimeSpan { TimeSpan(clock.now - origin) }

    func instant(_ time: TimeSpan) -> ContinuousClock.Instant { origin + .nanoseconds(time.nanoseconds) }
}
