import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation
import Synchronization

/// The dashboard's live state and its event stream (docs/serve.md "Dashboard", `GET /events`).
///
/// A `ServeObserver`: `observe` only enqueues the event. The actor applies events in the order
/// the gateway made them to the state (breaker states, recent transitions, active faults,
/// automation, the last requests) and sends each as a server-sent event to every subscriber.
/// A subscriber gets a snapshot of the state first, then every later event, with no gap and no
/// repeat, because both are made on the actor. A `stats` event (request rate by outcome,
/// latency percentiles) follows every `statsInterval`.
///
/// With no subscriber nothing is formatted, and `run()` is not woken for each event: the
/// queue is applied at the next `stats` tick, or when a subscriber connects, so a gateway that
/// no dashboard watches spends next to nothing on its feed (docs/serve.md "Performance").
public actor LiveFeed: ServeObserver {
    /// How many transitions and requests the snapshot carries.
    public static let keptTransitions = 500
    public static let keptRequests = 50
    /// Rates are over this window; percentiles over `latencyWindow`.
    public static let rateWindow: TimeInterval = 10
    public static let latencyWindow: TimeInterval = 60

    let started: Date
    let statsInterval: Duration
    let now: @Sendable () -> Date
    /// Events not applied yet, oldest first, and whether `run()` is woken for each.
    private let inbox = Mutex(Inbox())
    private let wakes: AsyncStream<Void>
    private let waker: AsyncStream<Void>.Continuation
    var seq = 0
    var breakers: [String: (state: BreakerState, since: Date?)]
    let providerOrder: [String]
    var transitions: [LiveMessage.Transition] = []
    var faults: [String: LiveMessage.Fault] = [:]
    var automation: LiveMessage.Automation?
    /// The last calls, each with its sequence number and the time it ended; formatted only when sent.
    var requests: [(seq: Int, call: CallRecord, ended: Date)] = []
    /// Calls of the last `latencyWindow`: when they ended, outcome, latency.
    var recent: [(date: Date, outcome: RequestOutcome, latencyMs: Double)] = []
    private var subscribers: [Int: AsyncStream<ServerSentEvent>.Continuation] = [:]
    private var nextSubscriber = 0

    /// - Parameters:
    ///   - breakers: each provider's breaker state at start, in the configuration's order.
    ///   - now: the wall clock stats are measured against.
    public init(breakers: [(provider: String, state: BreakerState)], started: Date = Date(),
                statsInterval: Duration = .seconds(1), now: @escaping @Sendable () -> Date = { Date() }) {
        self.started = started
        self.statsInterval = statsInterval
        self.now = now
        providerOrder = breakers.map(\.provider)
        self.breakers = Dictionary(breakers.map { ($0.provider, ($0.state, nil)) }, uniquingKeysWith: { first, _ in first })
        (wakes, waker) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The events waiting to be applied.
    struct Inbox {
        /// At most `LiveFeed.inboxLimit`, the newest.
        var events: [ServeEvent] = []
        /// Whether a subscriber is connected, so `run()` applies each event as it comes.
        var watched = false
        var finished = false
    }

    /// Events kept waiting at most; beyond them the oldest are dropped.
    static let inboxLimit = 100_000

    public nonisolated func observe(_ event: ServeEvent) {
        switch event.kind {
        case .attempt, .rejection: return
        default: break
        }
        let wake = inbox.withLock { inbox in
            guard !inbox.finished else { return false }
            if inbox.events.count >= Self.inboxLimit { inbox.events.removeFirst(inbox.events.count - Self.inboxLimit + 1) }
            inbox.events.append(event)
            return inbox.watched
        }
        if wake { waker.yield() }
    }

    /// Ends the feed: `run()` returns and every subscriber's stream ends, so open `GET /events`
    /// responses finish and the server can shut down.
    public nonisolated func finish() {
        inbox.withLock { $0.finished = true }
        waker.finish()
    }

    /// Applies and sends events until `finish()`; sends stats every `statsInterval`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [statsInterval] in
                while (try? await Task.sleep(for: statsInterval)) != nil {
                    await self.sendStats()
                }
            }
            for await _ in wakes { applyWaiting() }
            applyWaiting()
            group.cancelAll()
        }
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers = [:]
    }

    /// Applies the events waiting, in the order they came.
    func applyWaiting() {
        let events = inbox.withLock { inbox in
            defer { inbox.events.removeAll() }
            return inbox.events
        }
        for event in events { apply(event) }
    }

    // MARK: - Subscribers

    /// A snapshot of the state, and the events after it; the stream ends when the feed does.
    public func subscribe(limit: Int = 4096) -> (snapshot: ServerSentEvent, events: AsyncStream<ServerSentEvent>) {
        let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self,
                                                            bufferingPolicy: .bufferingNewest(limit))
        // Watched first, so every event after those waiting now wakes `run()`.
        inbox.withLock { $0.watched = true }
        applyWaiting()
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return (snapshot(), events)
    }

    private func unsubscribe(_ id: Int) {
        subscribers[id] = nil
        if subscribers.isEmpty { inbox.withLock { $0.watched = false } }
    }

    /// How many streams are open.
    public var subscriberCount: Int { subscribers.count }

    var hasSubscribers: Bool { !subscribers.isEmpty }

    func send(_ type: String, _ body: some Encodable) {
        guard !subscribers.isEmpty else { return }
        let event = ServerSentEvent(event: type, data: LiveMessage.encode(body))
        for subscriber in subscribers.values { subscriber.yield(event) }
    }

    func nextSeq() -> Int {
        seq += 1
        return seq
    }
}
