/// The resilience policy under test (docs/experiment-format.md "`policy`").
public struct Policy: Sendable {
    /// Providers to try, in order. The loader fills in file order when the file gives none.
    public var route: [String]
    /// Timeout, retry and breaker for every provider without an override.
    public var defaults: ProviderPolicy
    /// Per-provider settings, already merged over `defaults` by the loader (full values, not patches).
    public var overrides: [String: ProviderPolicy]
    /// Per request, all attempts included.
    public var deadline: TimeSpan?
    /// A static answer when every provider is exhausted: the request becomes `degraded`.
    public var fallback: StaticFallback?

    public init(route: [String], defaults: ProviderPolicy = ProviderPolicy(),
                overrides: [String: ProviderPolicy] = [:], deadline: TimeSpan? = nil,
                fallback: StaticFallback? = nil) {
        self.route = route
        self.defaults = defaults
        self.overrides = overrides
        self.deadline = deadline
        self.fallback = fallback
    }

    /// The effective timeout, retry and breaker for one provider.
    public func settings(for provider: String) -> ProviderPolicy {
        overrides[provider] ?? defaults
    }
}

/// The part of the policy that may differ per provider.
public struct ProviderPolicy: Sendable, Hashable {
    /// Per attempt.
    public var timeout: TimeSpan = .seconds(10)
    public var retry = RetryPolicy()
    public var breaker = BreakerPolicy()

    public init(timeout: TimeSpan = .seconds(10), retry: RetryPolicy = RetryPolicy(),
                breaker: BreakerPolicy = BreakerPolicy()) {
        self.timeout = timeout
        self.retry = retry
        self.breaker = breaker
    }
}

public struct StaticFallback: Sendable, Hashable {
    public var response: String
    public init(response: String) { self.response = response }
}

/// `policy.retry`.
public struct RetryPolicy: Sendable, Hashable {
    public enum Jitter: String, Sendable, Codable, CaseIterable { case none, full, equal }
    public enum RetryAfter: String, Sendable, Codable, CaseIterable { case honor, ignore }

    public struct Backoff: Sendable, Hashable {
        public var initial: TimeSpan = .milliseconds(100)
        public var multiplier: Double = 2
        public var max: TimeSpan = .seconds(10)
        public var jitter: Jitter = .none
        public init(initial: TimeSpan = .milliseconds(100), multiplier: Double = 2,
                    max: TimeSpan = .seconds(10), jitter: Jitter = .none) {
            self.initial = initial
            self.multiplier = multiplier
            self.max = max
            self.jitter = jitter
        }
    }

    /// Per provider, first attempt included; 1 means no retry.
    public var maxAttempts = 1
    public var backoff = Backoff()
    /// Error kinds that are retried on the same provider.
    public var on: Set<ErrorKind> = [.rateLimited, .unavailable, .serverError, .timeout, .connection]
    public var retryAfter: RetryAfter = .honor
    /// The cap on an honoured Retry-After.
    public static let retryAfterCap = TimeSpan.seconds(60)

    public init(maxAttempts: Int = 1, backoff: Backoff = Backoff(),
                on: Set<ErrorKind> = [.rateLimited, .unavailable, .serverError, .timeout, .connection],
                retryAfter: RetryAfter = .honor) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.on = on
        self.retryAfter = retryAfter
    }
}

/// `policy.breaker` (docs/semantics.md "Breaker").
public struct BreakerPolicy: Sendable, Hashable {
    public enum Window: Sendable, Hashable {
        /// The last N calls.
        case calls(Int)
        /// Calls recorded within this span before now.
        case time(TimeSpan)
    }

    public struct SlowCall: Sendable, Hashable {
        public var over: TimeSpan
        public var rate: Ratio
        public init(over: TimeSpan, rate: Ratio) {
            self.over = over
            self.rate = rate
        }
    }

    public struct OpenBackoff: Sendable, Hashable {
        public var multiplier: Double
        public var max: TimeSpan
        public init(multiplier: Double, max: TimeSpan) {
            self.multiplier = multiplier
            self.max = max
        }
    }

    public struct HalfOpen: Sendable, Hashable {
        public var probes: Int
        public var closeAfter: Int
        public init(probes: Int = 2, closeAfter: Int = 2) {
            self.probes = probes
            self.closeAfter = closeAfter
        }
    }

    /// Open after N failures in a row; 0 turns the rule off.
    public var consecutiveFailures = 5
    /// Open when the failure rate over `window` reaches this; `nil` turns the rule off.
    public var failureRate: Ratio?
    public var window: Window = .calls(20)
    public var minimumCalls = 10
    public var slowCall: SlowCall?
    public var openFor: TimeSpan = .seconds(30)
    public var openBackoff: OpenBackoff?
    public var halfOpen = HalfOpen()
    /// Error kinds that count as failures; others are ignored by the breaker.
    public var failures: Set<ErrorKind> = [.rateLimited, .unavailable, .serverError, .timeout, .connection, .corrupt, .auth]

    public init(consecutiveFailures: Int = 5, failureRate: Ratio? = nil, window: Window = .calls(20),
                minimumCalls: Int = 10, slowCall: SlowCall? = nil, openFor: TimeSpan = .seconds(30),
                openBackoff: OpenBackoff? = nil, halfOpen: HalfOpen = HalfOpen(),
                failures: Set<ErrorKind> = [.rateLimited, .unavailable, .serverError, .timeout, .connection, .corrupt, .auth]) {
        self.consecutiveFailures = consecutiveFailures
        self.failureRate = failureRate
        self.window = window
        self.minimumCalls = minimumCalls
        self.slowCall = slowCall
        self.openFor = openFor
        self.openBackoff = openBackoff
        self.halfOpen = halfOpen
        self.failures = failures
    }
}

/// How a failed attempt ended (docs/semantics.md "Attempt outcomes").
public enum ErrorKind: String, Sendable, Codable, CaseIterable, Comparable {
    case rateLimited = "rate_limited"
    case unavailable
    case serverError = "server_error"
    case timeout
    case connection
    case corrupt
    case auth
    case badRequest = "bad_request"
    case blocked

    public static func < (lhs: ErrorKind, rhs: ErrorKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The kind an HTTP status maps to, or `nil` for a success status.
    public static func forStatus(_ status: Int) -> ErrorKind? {
        switch status {
        case 200..<300: nil
        case 429: .rateLimited
        case 503: .unavailable
        case 401, 403: .auth
        case 400, 422: .badRequest
        case 408: .timeout
        case 500...599: .serverError
        default: .badRequest
        }
    }
}

/// Breaker states. Manual control in `airm serve` adds `forcedOpen` and `disabled`.
public enum BreakerState: String, Sendable, Codable, CaseIterable {
    case closed, open
    case halfOpen = "half_open"
    case forcedOpen = "forced_open"
    case disabled
}
