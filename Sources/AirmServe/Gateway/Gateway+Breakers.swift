import AirmEngine
import AirmSpec

extension Gateway {
    /// One provider's breaker as the status routes show it.
    public struct BreakerStatus: Sendable, Hashable {
        public var provider: String
        public var state: BreakerState
        /// When an `open` breaker lets probes through.
        public var openUntil: TimeSpan?
        /// Whether calls can reach the provider through the wire (`false`: simulated).
        public var live: Bool
        public var lastError: LastError?
    }

    /// Every provider's breaker, in the configuration's order.
    public func breakers() -> [BreakerStatus] {
        names.indices.map { index in
            let breaker = core.breakers[index]
            return BreakerStatus(provider: names[index], state: breaker.state, openUntil: breaker.nextTimer,
                                 live: transports[index] != nil, lastError: lastErrors[index])
        }
    }

    /// Applies `action` to the breakers of `providers` (every provider when `nil`), now; the
    /// breakers afterwards.
    public func control(_ action: RunCore.BreakerAction, providers: [Int]? = nil) -> [BreakerStatus] {
        let now = now()
        for index in providers ?? Array(names.indices) {
            let record = core.control(action, provider: index, at: now)
            emit(.breakerAction(provider: names[index], action: action, transition: record), at: now)
            carryOut(at: now)
        }
        return breakers()
    }

    /// The index of the provider called `name`.
    public func providerIndex(_ name: String) -> Int? { names.firstIndex(of: name) }
}
