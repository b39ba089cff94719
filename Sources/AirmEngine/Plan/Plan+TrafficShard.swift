import AirmSpec

// MARK: - Traffic shards

extension Plan.Shard {
    /// This shard's part of `total` whole things (users, burst requests, `max_in_flight`): ⌊total / N⌋,
    /// plus one for the first `total mod N` shards, so the parts add up to `total`.
    public func part(of total: Int) -> Int {
        total / count + (index - 1 < total % count ? 1 : 0)
    }

    /// The seed this shard draws from: derived from the run's seed and the shard's index, so no two
    /// shards send the same arrivals or draw the same latencies, and the same shard always does.
    public func seed(from seed: UInt64) -> UInt64 {
        var generator = SeededGenerator(seed: seed, stream: "traffic-shard:\(index)")
        return generator.next()
    }
}

extension Experiment {
    /// This experiment as one of N replicas sends it: every rate divided by N, and closed-model
    /// users, burst counts and `max_in_flight` split by `Plan.Shard.part(of:)` (docs/semantics.md
    /// "Traffic shards"). Providers, faults, policy and assertions are unchanged.
    public func share(of shard: Plan.Shard) -> Experiment {
        var copy = self
        copy.traffic = traffic.map { stream in
            var stream = stream
            stream.shape = stream.shape.share(of: shard)
            stream.maxInFlight = max(1, shard.part(of: stream.maxInFlight))
            return stream
        }
        return copy
    }
}

extension TrafficStream.Shape {
    func share(of shard: Plan.Shard) -> Self {
        func divided(_ rate: Rate) -> Rate { Rate(perSecond: rate.perSecond / Double(shard.count), per: rate.per) }
        switch self {
        case .rate(let rate, let arrivals):
            return .rate(divided(rate), arrivals)
        case .stages(let stages):
            return .stages(stages.map { TrafficStream.Stage(from: divided($0.from), to: divided($0.to), over: $0.over) })
        case .burst(let count, let at, let over):
            return .burst(count: shard.part(of: count), at: at, over: over)
        case .users(let users, let think):
            return .users(shard.part(of: users), think: think)
        }
    }
}
