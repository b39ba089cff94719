/// Requests per unit of time, held per second. Written `20/s`, `600/m`, `36000/h`.
///
/// `per` keeps the written unit (1 s, 1 m or 1 h), so a quota such as `rate_limit: 600/m`
/// can count 600 calls over any 60 s rather than 10 over any second.
public struct Rate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var perSecond: Double
    /// The unit the rate was written in; 1 s unless the text said `/m` or `/h`.
    public var per: TimeSpan

    public init(perSecond: Double, per: TimeSpan = .seconds(1)) {
        self.perSecond = perSecond
        self.per = per
    }

    /// `count` calls per `per`, e.g. `Rate(count: 600, per: .seconds(60))` for `600/m`.
    public init(count: Double, per: TimeSpan) {
        self.init(perSecond: per.nanoseconds > 0 ? count / per.seconds : 0, per: per)
    }

    /// The number of calls in one `per`: 600 for `600/m`.
    public var countPerUnit: Double { perSecond * per.seconds }

    public var description: String {
        let unit: String
        switch per {
        case .seconds(60): unit = "m"
        case .seconds(3600): unit = "h"
        case .seconds(1): unit = "s"
        default: return Rate(perSecond: perSecond).description
        }
        let count = (countPerUnit * 1e9).rounded() / 1e9
        return count == count.rounded() && abs(count) < 1e15 ? "\(Int64(count))/\(unit)" : "\(count)/\(unit)"
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey { case perSecond, per }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        perSecond = try container.decode(Double.self, forKey: .perSecond)
        per = try container.decodeIfPresent(TimeSpan.self, forKey: .per) ?? .seconds(1)
    }
}

/// A share between 0 and 1. Written `99%`, `0.5%`, or a number in [0, 1].
public struct Ratio: Sendable, Hashable, Codable, CustomStringConvertible {
    public var fraction: Double
    public init(fraction: Double) { self.fraction = fraction }
    public static let zero = Ratio(fraction: 0)
    public static let one = Ratio(fraction: 1)
    public var description: String {
        let percent = (fraction * 100_000).rounded() / 1000
        return percent == percent.rounded() && abs(percent) < 1e15 ? "\(Int64(percent))%" : "\(percent)%"
    }
}
