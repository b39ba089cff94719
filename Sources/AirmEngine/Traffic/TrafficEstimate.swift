import AirmSpec

/// How many requests a stream will send, for `airm plan`, without running anything.
public struct TrafficEstimate: Sendable, Hashable {
    /// The number of requests: exact for uniform rates, stages and bursts; expected for poisson;
    /// an estimate for users.
    public var requests: Double
    public var exact: Bool
    /// How an inexact figure was obtained.
    public var note: String?

    public init(requests: Double, exact: Bool, note: String? = nil) {
        self.requests = requests
        self.exact = exact
        self.note = note
    }

    /// The estimate for every stream of `experiment`, in file order.
    public static func all(in experiment: Experiment, timeline: Timeline) -> [TrafficEstimate] {
        experiment.traffic.indices.map { of(stream: $0, in: experiment, timeline: timeline) }
    }

    /// The estimate for stream `index` of `experiment`.
    public static func of(stream index: Int, in experiment: Experiment, timeline: Timeline) -> TrafficEstimate {
        let stream = experiment.traffic[index]
        let (start, end) = ArrivalSchedule.bounds(of: stream, timeline: timeline)
        let length = end - start
        switch stream.shape {
        case .rate(let rate, .uniform):
            return TrafficEstimate(requests: Double(uniformCount(perSecond: rate.perSecond, length: length)), exact: true)
        case .rate(let rate, .poisson):
            return TrafficEstimate(requests: max(0, rate.perSecond) * length.seconds, exact: false,
                                   note: "expected count of a Poisson process")
        case .stages, .burst:
            var schedule = ArrivalSchedule(stream, timeline: timeline, generator: SeededGenerator(seed: 0))
            var count = 0
            while schedule?.next() != nil { count += 1 }
            return TrafficEstimate(requests: Double(count), exact: true)
        case .users(let users, let think):
            let firstProvider = experiment.policy.route.first.flatMap { experiment.provider(named: $0) }
            let latency = firstProvider.map { LatencySampler($0.simulate.latency).median } ?? .zero
            let cycle = think.mean + latency
            let perUser = cycle > .zero ? (length.seconds / cycle.seconds).rounded(.up) : 0
            return TrafficEstimate(requests: Double(max(0, users)) * perUser, exact: false,
                                   note: "closed model: each user's cycle taken as think time plus the first provider's median latency")
        }
    }

    /// The number of k ≥ 0 with start + round(k × 1e9 / rate) ns before start + `length`,
    /// matching `ArrivalSchedule` exactly.
    static func uniformCount(perSecond: Double, length: TimeSpan) -> Int64 {
        guard perSecond > 0, length > .zero else { return 0 }
        func time(_ k: Int64) -> Int64 { Int64((Double(k) * 1e9 / perSecond).rounded()) }
        var n = Int64((length.seconds * perSecond).rounded(.up))
        while n > 0, time(n - 1) >= length.nanoseconds { n -= 1 }
        while time(n) < length.nanoseconds { n += 1 }
        return n
    }
}
