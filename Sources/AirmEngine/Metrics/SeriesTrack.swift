import AirmSpec
import Histogram

/// The streamed time series: counts per bucket, and latency percentiles of each bucket's requests.
///
/// Requests count in the bucket of their scheduled arrival and attempts in the bucket they started,
/// so a sample can land in a bucket some time after it ended. A small ring of reusable histograms
/// holds the latest buckets' latencies; a bucket's slot is closed, keeping only p50, p95, p99 and max,
/// when a later bucket needs it. A request later than the ring still counts, and still raises its
/// bucket's max. Memory is fixed when the recorder is made.
///
/// Bucket histograms keep 2 significant digits (1% resolution, ample for a chart): a bucket's
/// figures are read and its histogram cleared every time it closes, up to 600 times a run, and
/// that cost grows with the histogram's size.
struct SeriesTrack: Sendable {
    /// Counters per bucket: the five outcomes, then a provider block per provider.
    static let outcomeSlots = 5

    let bucketNanoseconds: Int64
    /// Buckets a run of `duration` needs.
    let plannedBuckets: Int
    /// Buckets kept at most; samples past the last one count in it.
    let capacity: Int
    let providers: Int
    var stride: Int { Self.outcomeSlots + providers * CounterLayout.providerBlock }

    var counts: [Int]
    /// Closed buckets' p50, p95, p99 and max in ms.
    var closed: [Series.BucketLatency]
    var ring: [LatencyHistogram<UInt64>]
    /// The bucket each ring slot holds, or -1.
    var ringBucket: [Int]
    /// The latest bucket any sample touched.
    var lastTouched = 0

    init(plan: Plan) {
        let experiment = plan.experiment
        let bucket = plan.bucket
        bucketNanoseconds = bucket.nanoseconds
        plannedBuckets = plan.buckets
        let horizon = plan.drainHorizon.nanoseconds
        let lag = Int(min(BucketSizing.count(horizon, bucket: bucketNanoseconds), Int64(BucketSizing.maxBuckets)))
        capacity = plannedBuckets + lag + 1
        providers = experiment.providers.count
        counts = Array(repeating: 0, count: capacity * (Self.outcomeSlots + providers * CounterLayout.providerBlock))
        closed = Array(repeating: Series.BucketLatency(), count: capacity)
        let slots = min(max(lag + 2, 2), 32)
        ring = Array(repeating: LatencyHistogram(digits: .two), count: slots)
        ringBucket = Array(repeating: -1, count: slots)
    }

    /// Histograms the series holds, whatever the request count.
    var histogramCount: Int { ring.count }

    // MARK: - Recording

    @inline(__always)
    func bucket(of time: TimeSpan) -> Int {
        let index = time.nanoseconds <= 0 ? 0 : time.nanoseconds / bucketNanoseconds
        return index < Int64(capacity) ? Int(index) : capacity - 1
    }

    @inline(__always)
    mutating func record(_ request: RequestSample, outcomeSlot: Int) {
        let b = bucket(of: request.scheduledAt)
        if b > lastTouched { lastTouched = b }
        counts[b * stride + outcomeSlot] &+= 1
        guard request.outcome != .dropped else { return }
        let latency = request.endedAt.nanoseconds - request.scheduledAt.nanoseconds
        let slot = b % ring.count
        let held = ringBucket[slot]
        if held == b {
            ring[slot].record(nanoseconds: latency)
        } else if held < b {
            close(slot: slot)
            ringBucket[slot] = b
            ring[slot].record(nanoseconds: latency)
        } else {
            let ms = Double(max(latency, 0)) / 1_000_000
            if ms > closed[b].max { closed[b].max = ms }
        }
    }

    /// Adds one to a provider counter (`CounterLayout` provider slot) in the bucket of `time`.
    @inline(__always)
    mutating func count(provider: Int, slot: Int, at time: TimeSpan) {
        let b = bucket(of: time)
        if b > lastTouched { lastTouched = b }
        counts[b * stride + Self.outcomeSlots + provider * CounterLayout.providerBlock + slot] &+= 1
    }

    private mutating func close(slot: Int) {
        let held = ringBucket[slot]
        guard held >= 0 else { return }
        var figures = ring[slot].bucketFigures
        figures.max = max(figures.max, closed[held].max)
        closed[held] = figures
        ring[slot].reset()
        ringBucket[slot] = -1
    }

    // MARK: - Reading

    /// Latency figures of a bucket, from its open slot or from what it kept when it closed.
    func latency(of bucket: Int) -> Series.BucketLatency {
        let slot = bucket % ring.count
        guard ringBucket[slot] == bucket else { return closed[bucket] }
        var figures = ring[slot].bucketFigures
        figures.max = max(figures.max, closed[bucket].max)
        return figures
    }

    func counter(bucket: Int, slot: Int) -> Int { counts[bucket * stride + slot] }

    func providerCounter(bucket: Int, provider: Int, slot: Int) -> Int {
        counts[bucket * stride + Self.outcomeSlots + provider * CounterLayout.providerBlock + slot]
    }

    /// Buckets to report for a run that ended at `endedAt`.
    func reportedBuckets(endedAt: TimeSpan) -> Int {
        let end = max(endedAt.nanoseconds, plannedBucketsEnd)
        let needed = Int(BucketSizing.count(end, bucket: bucketNanoseconds))
        return min(max(needed, lastTouched + 1), capacity)
    }

    private var plannedBucketsEnd: Int64 { Int64(plannedBuckets) * bucketNanoseconds }
}
