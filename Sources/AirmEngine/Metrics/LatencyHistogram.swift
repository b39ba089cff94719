import AirmSpec
import Histogram

/// An HDR histogram of latencies, recorded in microseconds (3 significant digits unless told) and
/// read in milliseconds. Its size is fixed when it is made, so recording never allocates.
struct LatencyHistogram<Count: FixedWidthInteger & Codable & Sendable>: Sendable {
    /// Latencies above one hour are clamped to it.
    static var highestMicros: UInt64 { 3_600_000_000 }

    private(set) var histogram: Histogram<Count>

    init(digits: SignificantDigits = .three) {
        histogram = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: Self.highestMicros,
                              numberOfSignificantValueDigits: digits)
    }

    // MARK: - Recording

    /// Records a latency given in nanoseconds; negative values count as zero.
    @inline(__always)
    mutating func record(nanoseconds: Int64) {
        let micros = nanoseconds <= 0 ? 0 : UInt64((nanoseconds &+ 500) / 1000)
        histogram.record(micros < Self.highestMicros ? micros : Self.highestMicros)
    }

    mutating func reset() { histogram.reset() }

    /// Adds the counts of `other`, bucket by bucket, so percentiles of the sum are exact; `false`,
    /// adding nothing, when `other` does not fit this histogram's range and precision.
    mutating func add(_ other: Histogram<Count>) -> Bool {
        guard other.lowestDiscernibleValue == histogram.lowestDiscernibleValue,
              other.numberOfSignificantValueDigits == histogram.numberOfSignificantValueDigits,
              other.totalCount == 0 || other.maxRecorded <= histogram.highestTrackableValue else { return false }
        histogram.add(other)
        return true
    }

    // MARK: - Reading

    var count: Int { Int(histogram.totalCount) }
    var isEmpty: Bool { histogram.totalCount == 0 }

    /// The value of a percentile (or `max`/`mean`) in milliseconds; 0 when empty.
    ///
    /// A percentile reads the top of its bucket and the mean reads bucket midpoints, both of which
    /// can lie just above the largest value recorded; no figure is given above `max`
    /// (docs/metrics.md "Latency").
    func milliseconds(_ percentile: Metric.Percentile) -> Double {
        guard !isEmpty else { return 0 }
        let micros: Double
        switch percentile {
        case .p50: micros = Double(histogram.valueAtPercentile(50))
        case .p90: micros = Double(histogram.valueAtPercentile(90))
        case .p95: micros = Double(histogram.valueAtPercentile(95))
        case .p99: micros = Double(histogram.valueAtPercentile(99))
        case .p999: micros = Double(histogram.valueAtPercentile(99.9))
        case .max: micros = Double(histogram.maxRecorded)
        case .mean: micros = histogram.mean
        }
        return Swift.min(micros, Double(histogram.maxRecorded)) / 1000
    }

    /// Every figure of the result's `latency_ms`, rounded to 3 decimals.
    var summary: RunResult.Latency {
        RunResult.Latency(p50: Rounding.three(milliseconds(.p50)), p90: Rounding.three(milliseconds(.p90)),
                          p95: Rounding.three(milliseconds(.p95)), p99: Rounding.three(milliseconds(.p99)),
                          max: Rounding.three(milliseconds(.max)), mean: Rounding.three(milliseconds(.mean)))
    }

    /// p50, p95, p99 and max in milliseconds, as a series bucket keeps them.
    var bucketFigures: Series.BucketLatency {
        Series.BucketLatency(p50: milliseconds(.p50), p95: milliseconds(.p95),
                             p99: milliseconds(.p99), max: milliseconds(.max))
    }
}

/// Rounding used for every number written to the result, so the JSON is byte-stable.
enum Rounding {
    static func three(_ value: Double) -> Double {
        guard value.isFinite else { return 0 }
        return (value * 1000).rounded() / 1000
    }
}
