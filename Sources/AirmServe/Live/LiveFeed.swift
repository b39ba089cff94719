import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

/// The dashboard's live state and its event stream (docs/serve.md "Dashboard", `GET /events`).
///
/// A `ServeObserver`: `observe` only enqueues the event. `run()` applies events in the order
/// the gateway made them to the state (breaker states, recent transitions, active faults,
/// automation, the last requests) and sends each as a server-sent event to every subscriber.
/// A subscriber gets a snapshot of the state first, then every later event, with no gap and no
/// repeat, because both are made on the actor. A `stats` event (request rate by outcome,
/// latency percentiles) follows every `statsInterval`.
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
    private let inbox: AsyncStream<ServeEvent>
    private let input: AsyncStream<ServeEvent>.Continuation
    var seq = 0
    var breakers: [String: (state: BreakerState, since: Date?)]
    let providerOrder: [String]
    var transitions: [LiveMessage.Transition] = []
    var faults: [String: LiveMessage.Fault] = [:]
    var automation: LiveMessage.Automation?
    var requests: [LiveMessage.Request] = []
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
        (inbox, input) = AsyncStream.makeStream(of: ServeEvent.self, bufferingPolicy: .bufferingNewest(100_000))
    }

    public nonisolated func observe(_ event: ServeEvent) {
        input.yield(event)
    }

    /// Ends the feed: `run()` returns and every subscriber's stream ends, so open `GET /events`
    /// responses finish and the server can shut down.
    public nonisolated func finish() {
        input.finish()
    }

    /// Applies and sends events until `finish()`; sends stats every `statsInterval`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [statsInterval] in
                while (try? await Task.sleep(for: statsInterval)) != nil {
                    await self.sendStats()
                }
            }
            for await event in inbox { apply(event) }
            group.cancelAll()
        }
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers = [:]
    }

    // MARK: - Subscribers

    /// A snapshot of the state, and the events after it; the stream ends when the feed does.
    public func subscribe(limit: Int = 4096) -> (snapshot: ServerSentEvent, events: AsyncStream<ServerSentEvent>) {
        let (events, continuation) = AsyncStream.makeStream(of: ServerSentEvent.self,
                                                            bufferingPolicy: .bufferingNewest(limit))
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
