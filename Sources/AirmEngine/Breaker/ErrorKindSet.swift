import AirmSpec

/// A set of `ErrorKind`s as a bit mask: membership tests on the hot path without hashing.
public struct ErrorKindSet: Sendable, Hashable {
    public private(set) var bits: UInt16 = 0

    public init() {}

    public init(_ kinds: some Sequence<ErrorKind>) {
        for kind in kinds { bits |= ErrorKindSet.bit(kind) }
    }

    @inline(__always)
    public func contains(_ kind: ErrorKind) -> Bool {
        bits & ErrorKindSet.bit(kind) != 0
    }

    @inline(__always)
    static func bit(_ kind: ErrorKind) -> UInt16 {
        switch kind {
        case .rateLimited: 1 << 0
        case .unavailable: 1 << 1
        case .serverError: 1 << 2
        case .timeout: 1 << 3
        case .connection: 1 << 4
        case .corrupt: 1 << 5
        case .auth: 1 << 6
        case .badRequest: 1 << 7
        case .blocked: 1 << 8
        }
    }
}

/// Formats shares the way breaker reasons print them: `62%`, `62.5%`.
enum PercentText {
    static func format(_ fraction: Double) -> String {
        let tenths = (fraction * 1000).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return "\(Int64(tenths / 10))%" }
        return "\(tenths / 10)%"
    }
}
