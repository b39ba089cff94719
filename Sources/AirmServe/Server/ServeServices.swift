import Logging

/// What route groups are given to answer with: the gateway, the options, the log and the
/// `/ai` rate limiter.
public struct ServeServices: Sendable {
    public let gateway: Gateway
    public let options: ServeOptions
    public let logger: Logger
    let limiter: ClientRateLimiter

    public init(gateway: Gateway, options: ServeOptions, logger: Logger) {
        self.gateway = gateway
        self.options = options
        self.logger = logger
        limiter = ClientRateLimiter(rate: options.aiRateLimit)
    }
}
