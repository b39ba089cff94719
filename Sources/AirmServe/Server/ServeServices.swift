import Logging

/// What route groups are given to answer with: the gateway, the options, the log, the `/ai`
/// rate limiter, and the metrics, request log and live feed.
public struct ServeServices: Sendable {
    public let gateway: Gateway
    public let options: ServeOptions
    public let logger: Logger
    public let observability: Observability
    let limiter: ClientRateLimiter

    /// - Parameter observability: by default, metrics and a live feed that nothing feeds, and no request log.
    public init(gateway: Gateway, options: ServeOptions, logger: Logger, observability: Observability? = nil) {
        self.gateway = gateway
        self.options = options
        self.logger = logger
        self.observability = observability ?? Observability(providers: gateway.plan.providers.map(\.name))
        limiter = ClientRateLimiter(rate: options.aiRateLimit)
    }
}
