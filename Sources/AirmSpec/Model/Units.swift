/// Requests per unit of time, held per second. Written `20/s`, `600/m`, `36000/h`.
public struct Rate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var perSecond: Double
    public init(perSecond: Double) { self.perSecond = perSecond }
    public var description: String {
        perSecond == perSecond.rounded() ? "\(Int64(perSecond))/s" : "\(perSecond)/s"
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
        return percent == percent.rounded() ? "\(Int64(percent))%" : "\(percent)%"
    }
}
