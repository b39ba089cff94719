import AirmSpec

/// The arrival times of one open-model traffic stream, generated lazily (docs/semantics.md "Traffic").
///
/// - `rate`, uniform: the k-th arrival (k = 0, 1, …) at start + k/rate, computed from k each time.
/// - `rate`, poisson: exponential gaps drawn from the stream's generator, the first gap after start.
/// - `stages`: the k-th arrival where the integral of the piecewise-linear rate reaches k.
/// - `burst`: `count` arrivals evenly over [at, at + over).
///
/// Only arrivals strictly before the stream's end are produced. `users` streams are closed-loop
/// and have no schedule of their own: the driver sends as users come back from thinking.
public struct ArrivalSchedule: Sendable, IteratorProtocol {
    enum Form: Sendable {
        case uniform(perSecond: Double)
        case poisson(perSecond: Double, generator: SeededGenerator)
        case stages(StageCurve, leg: Int)
        case burst(count: Int64, at: Int64, over: Int64)
    }

    /// The stream's start and end, resolved.
    public let start: TimeSpan
    public let end: TimeSpan
    private var form: Form
    private var k: Int64 = 0
    private var last: Int64
    private var done = false

    /// The schedule of `stream`, or `nil` for a `users` stream. `generator` is the stream's own.
    public init?(_ stream: TrafficStream, timeline: Timeline, generator: SeededGenerator) {
        let (start, end) = ArrivalSchedule.bounds(of: stream, timeline: timeline)
        self.start = start
        self.end = end
        last = start.nanoseconds
        switch stream.shape {
        case .rate(let rate, .uniform): form = .uniform(perSecond: rate.perSecond)
        case .rate(let rate, .poisson): form = .poisson(perSecond: rate.perSecond, generator: generator)
        case .stages(let stages): form = .stages(StageCurve(stages), leg: 0)
        case .burst(let count, let at, let over):
            let time = timeline.time(of: at) ?? start
            form = .burst(count: Int64(max(0, count)), at: time.nanoseconds, over: max(0, over.nanoseconds))
        case .users: return nil
        }
    }

    /// Where a stream starts and ends: [start, min(start + duration, run end)).
    public static func bounds(of stream: TrafficStream, timeline: Timeline) -> (start: TimeSpan, end: TimeSpan) {
        let start = max(.zero, timeline.time(of: stream.start) ?? .zero)
        let end = min(stream.duration.map { start + $0 } ?? timeline.duration, timeline.duration)
        return (start, max(start, end))
    }

    // MARK: - Iterating

    /// The next arrival, or `nil` once the stream has ended.
    public mutating func next() -> TimeSpan? {
        guard !done, let offset = nextTime() else {
            done = true
            return nil
        }
        guard offset < end.nanoseconds else {
            done = true
            return nil
        }
        k += 1
        return TimeSpan(nanoseconds: offset)
    }

    private mutating func nextTime() -> Int64? {
        switch form {
        case .uniform(let perSecond):
            guard perSecond > 0 else { return nil }
            return start.nanoseconds + Int64((Double(k) * 1e9 / perSecond).rounded())
        case .poisson(let perSecond, var generator):
            guard perSecond > 0 else { return nil }
            let gap = LatencySampler.exponential(mean: 1e9 / perSecond, using: &generator)
            form = .poisson(perSecond: perSecond, generator: generator)
            guard gap < Double(end.nanoseconds - last) else { return nil }
            last += Int64(gap.rounded())
            return last
        case .stages(let curve, var leg):
            let offset = curve.offset(ofArrival: k, from: &leg)
            form = .stages(curve, leg: leg)
            return offset.map { start.nanoseconds + $0 }
        case .burst(let count, let at, let over):
            guard k < count else { return nil }
            return at + Int64((Double(k) * Double(over) / Double(count)).rounded())
        }
    }
}
