import AirmSpec

/// How late arrivals were sent against their schedule, in fixed 50 µs buckets up to 1 s
/// (later sends count in the last bucket): bounded memory, whatever the run's length.
public struct SendLateness: Sendable, Equatable {
    static let bucket: Int64 = 50_000
    static let buckets = 20_000

    private var counts = [Int](repeating: 0, count: SendLateness.buckets)
    public private(set) var count = 0
    public private(set) var max = TimeSpan.zero

    public init() {}

    mutating func add(_ lateness: TimeSpan) {
        let nanoseconds = Swift.max(0, lateness.nanoseconds)
        counts[Int(Swift.min(Int64(SendLateness.buckets - 1), nanoseconds / SendLateness.bucket))] += 1
        count += 1
        if lateness > max { max = lateness }
    }

    /// The lateness at or below which `fraction` of the sends were, to the bucket's upper edge.
    public func quantile(_ fraction: Double) -> TimeSpan {
        guard count > 0 else { return .zero }
        let rank = Swift.max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= rank { return Swift.min(max, TimeSpan(nanoseconds: Int64(index + 1) * SendLateness.bucket)) }
        }
        return max
    }
}
