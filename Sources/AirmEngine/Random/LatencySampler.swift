import AirmSpec
import Foundation

/// Draws latencies from a `LatencyDistribution`, with its parameters worked out once.
///
/// - `fixed`: always that value.
/// - `uniform(a, b)`: uniform on [a, b].
/// - `exponential(mean)`: exponential with that mean.
/// - `lognormal(median, p99)`: mu = ln(median), sigma = (ln(p99) − mu) / 2.3263, in seconds,
///   so the distribution's median and 99th percentile are the given values.
public struct LatencySampler: Sendable, Hashable {
    enum Form: Sendable, Hashable {
        case fixed(Int64)
        case uniform(low: Double, width: Double)
        case exponential(mean: Double)
        case lognormal(mu: Double, sigma: Double)
    }

    /// The 99th percentile of the standard normal distribution.
    public static let z99 = 2.3263

    /// Draws are capped here, so that a wild tail cannot overflow the clock: 1 day.
    static let ceiling = 86_400.0 * 1e9

    let form: Form

    public init(_ distribution: LatencyDistribution) {
        switch distribution {
        case .fixed(let value):
            form = .fixed(max(0, value.nanoseconds))
        case .uniform(let a, let b):
            let low = Double(max(0, min(a.nanoseconds, b.nanoseconds)))
            let high = Double(max(0, max(a.nanoseconds, b.nanoseconds)))
            form = .uniform(low: low, width: high - low)
        case .exponential(let mean):
            form = .exponential(mean: Double(max(0, mean.nanoseconds)))
        case .lognormal(let median, let p99):
            guard median.nanoseconds > 0 else {
                form = .fixed(0)
                return
            }
            let mu = log(median.seconds)
            let sigma = p99 > median ? (log(p99.seconds) - mu) / LatencySampler.z99 : 0
            form = sigma > 0 ? .lognormal(mu: mu, sigma: sigma) : .fixed(median.nanoseconds)
        }
    }

    /// One draw, taken from `generator`.
    @inline(__always)
    public func sample(using generator: inout SeededGenerator) -> TimeSpan {
        TimeSpan(nanoseconds: sampleNanoseconds(using: &generator))
    }

    public func sampleNanoseconds(using generator: inout SeededGenerator) -> Int64 {
        switch form {
        case .fixed(let value):
            return value
        case .uniform(let low, let width):
            return Int64((low + width * generator.nextUnit()).rounded())
        case .exponential(let mean):
            return Int64(min(LatencySampler.ceiling, -mean * log(generator.nextOpenUnit())).rounded())
        case .lognormal(let mu, let sigma):
            let seconds = exp(mu + sigma * LatencySampler.standardNormal(using: &generator))
            return Int64(min(LatencySampler.ceiling, seconds * 1e9).rounded())
        }
    }

    /// The distribution's median, for estimates such as `airm plan`.
    public var median: TimeSpan {
        switch form {
        case .fixed(let value): return TimeSpan(nanoseconds: value)
        case .uniform(let low, let width): return TimeSpan(nanoseconds: Int64((low + width / 2).rounded()))
        case .exponential(let mean): return TimeSpan(nanoseconds: Int64((mean * log(2.0)).rounded()))
        case .lognormal(let mu, _): return TimeSpan(nanoseconds: Int64((exp(mu) * 1e9).rounded()))
        }
    }

    // MARK: - Building blocks

    /// A standard normal draw (Marsaglia's polar method, one of the pair): two uniforms per
    /// try, 1.27 tries on average, one logarithm and no trigonometry.
    @inline(__always)
    static func standardNormal(using generator: inout SeededGenerator) -> Double {
        while true {
            let x = 2 * generator.nextUnit() - 1
            let y = 2 * generator.nextUnit() - 1
            let s = x * x + y * y
            if s > 0, s < 1 { return x * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// An exponential draw with `mean` (any unit), consuming one uniform.
    @inline(__always)
    public static func exponential(mean: Double, using generator: inout SeededGenerator) -> Double {
        -mean * log(generator.nextOpenUnit())
    }
}

extension LatencyDistribution {
    /// One draw from this distribution. Build a `LatencySampler` once when drawing often.
    public func sample(using generator: inout SeededGenerator) -> TimeSpan {
        LatencySampler(self).sample(using: &generator)
    }
}

extension TrafficStream.Think {
    /// One think time: fixed, or exponential with the given mean.
    public func sample(using generator: inout SeededGenerator) -> TimeSpan {
        switch self {
        case .fixed(let value):
            return value
        case .exponential(let mean):
            let draw = LatencySampler.exponential(mean: Double(mean.nanoseconds), using: &generator)
            return TimeSpan(nanoseconds: Int64(min(LatencySampler.ceiling, draw).rounded()))
        }
    }

    /// The mean think time.
    public var mean: TimeSpan {
        switch self {
        case .fixed(let value): value
        case .exponential(let mean): mean
        }
    }
}
