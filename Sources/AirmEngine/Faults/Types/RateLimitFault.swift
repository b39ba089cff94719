import AirmSpec

/// `rate_limit`: an injected 429, no call sent. Without `limit:` every call fails with
/// Retry-After `retry_after`; with `limit:` a sliding quota per targeted provider lets calls
/// through and only those over it fail, with Retry-After the time until it admits a call.
public struct RateLimitFault: FaultBehavior, Hashable {
    public var retryAfter: TimeSpan
    public var limit: Rate?
    /// The `limit:` quota's state, for one provider (each schedule entry holds its own copy).
    private var quota: SlidingQuota?

    public init(retryAfter: TimeSpan = .seconds(1), limit: Rate? = nil) {
        self.retryAfter = retryAfter
        self.limit = limit
        quota = limit.map(SlidingQuota.init(rate:))
    }

    // MARK: - File format

    public static let name = "rate_limit"
    public static let keys = ["retry_after", "limit"]
    public static let schema = FaultSchema([("retry_after", FaultSchema.duration), ("limit", FaultSchema.rate)])

    public static func parse(_ input: FaultInput) -> RateLimitFault? {
        if input.has("limit"), input.has("retry_after") {
            input.error("give either `retry_after` or `limit`", at: "limit",
                        hint: "with `limit`, Retry-After is the time until the quota admits a call")
            return nil
        }
        if input.has("limit") { return input.rate("limit").map { RateLimitFault(limit: $0) } }
        guard input.has("retry_after") else { return RateLimitFault() }
        return input.duration("retry_after", allowZero: true).map { RateLimitFault(retryAfter: $0) }
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard !effect.isDecided else { return }
        guard quota != nil else {
            effect.decide(.answer(.rateLimited, after: attempt.delay, retryAfter: retryAfter), by: attempt)
            return
        }
        if let wait = quota?.admit(at: attempt.startsAt) {
            effect.decide(.answer(.rateLimited, after: attempt.delay, retryAfter: wait), by: attempt)
        }
    }
}

extension FaultType where Self == RateLimitFault {
    public static func rateLimit(retryAfter: TimeSpan, limit: Rate?) -> RateLimitFault {
        RateLimitFault(retryAfter: retryAfter, limit: limit)
    }
}
