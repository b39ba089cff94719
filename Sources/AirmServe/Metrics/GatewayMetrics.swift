import AirmEngine
import AirmSpec
import CoreMetrics
import Prometheus

/// The gateway's Prometheus metrics (docs/serve.md "Metrics"), fed with the run core's samples.
///
/// The instruments are swift-metrics ones made by a factory over a registry this value owns, so
/// two gateways in one process (tests in parallel) never share a series, and nothing is
/// bootstrapped globally. Series known up front (each outcome, each provider's attempt kinds and
/// breaker states) exist from the start at 0, so a rate over them has no gap.
///
/// Sendable: every stored property is immutable, and the Prometheus collectors behind the
/// swift-metrics instruments lock their own state.
public final class GatewayMetrics: Sendable {
    /// The registry the exposition is read from.
    public let registry: PrometheusCollectorRegistry
    let factory: CatalogMetricsFactory
    let providers: [String]
    let requests: [RequestOutcome: CoreMetrics.Counter]
    let duration: CoreMetrics.Timer
    /// Per provider name: attempt counters by kind.
    let attempts: [String: [String: CoreMetrics.Counter]]
    /// Per provider name: one gauge per breaker state.
    let states: [String: [BreakerState: CoreMetrics.Gauge]]

    /// The `kind` label of an attempt that a breaker refused.
    public static let rejectedKind = "rejected"

    /// Metrics for a gateway in front of `providers` (in `Experiment.providers` order), whose
    /// breakers all start closed.
    public init(providers: [String]) {
        let registry = PrometheusCollectorRegistry()
        let factory = CatalogMetricsFactory(registry: registry)
        self.registry = registry
        self.factory = factory
        self.providers = providers
        requests = Dictionary(uniqueKeysWithValues: RequestOutcome.allCases.map { outcome in
            (outcome, Counter(label: MetricCatalog.requests.name, dimensions: [("outcome", outcome.rawValue)], factory: factory))
        })
        duration = Timer(label: MetricCatalog.requestDuration.name, dimensions: [], factory: factory)
        attempts = Dictionary(providers.map { provider in
            (provider, Dictionary(uniqueKeysWithValues: Self.attemptKinds.map { kind in
                (kind, Counter(label: MetricCatalog.attempts.name,
                               dimensions: [("provider", provider), ("kind", kind)], factory: factory))
            }))
        }, uniquingKeysWith: { first, _ in first })
        states = Dictionary(providers.map { provider in
            (provider, Dictionary(uniqueKeysWithValues: BreakerState.allCases.map { state in
                (state, Gauge(label: MetricCatalog.breakerState.name,
                              dimensions: [("provider", provider), ("state", state.rawValue)], factory: factory))
            }))
        }, uniquingKeysWith: { first, _ in first })
        for provider in providers { setBreaker(provider, to: .closed) }
    }

    /// Every `kind` label of `airm_attempts_total`: success, slow, each error kind, rejected.
    public static var attemptKinds: [String] {
        ["success", "slow"] + ErrorKind.allCases.map(\.rawValue) + [rejectedKind]
    }

    // MARK: - Exposition

    /// The Prometheus text exposition (format 0.0.4) of every metric.
    public func exposition() -> String { registry.emitToString() }

    /// The content type of `exposition()`, for `GET /metrics`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    // MARK: - Requests, attempts, breakers and faults

    /// Counts a request by outcome and, unless it was dropped (it never started), times it
    /// from arrival to outcome.
    public func recordRequest(outcome: RequestOutcome, latency: TimeSpan) {
        requests[outcome]?.increment()
        guard outcome != .dropped else { return }
        duration.recordNanoseconds(max(0, latency.nanoseconds))
    }

    /// Counts an attempt on `provider` by its result.
    public func recordAttempt(provider: String, result: AttemptResult) {
        let kind = switch result {
        case .success(let slow): slow ? "slow" : "success"
        case .failure(let error): error.rawValue
        }
        attempts[provider]?[kind]?.increment()
    }

    /// Counts an attempt on `provider` that its breaker refused.
    public func recordRejection(provider: String) {
        attempts[provider]?[Self.rejectedKind]?.increment()
    }

    /// Counts the transition and moves the provider's state gauges.
    public func record(_ transition: TransitionRecord) {
        Counter(label: MetricCatalog.breakerTransitions.name,
                dimensions: [("provider", transition.provider), ("from", transition.from.rawValue),
                             ("to", transition.to.rawValue)],
                factory: factory).increment()
        setBreaker(transition.provider, to: transition.to)
    }

    /// Sets `provider`'s breaker state gauges: 1 for `state`, 0 for the others.
    public func setBreaker(_ provider: String, to state: BreakerState) {
        guard let gauges = states[provider] else { return }
        for (each, gauge) in gauges { gauge.record(each == state ? 1 : 0) }
    }

    /// The fault named `name` became active.
    public func faultStarted(_ name: String) { faultGauge(name).record(1) }

    /// The fault named `name` ended or was stopped.
    public func faultEnded(_ name: String) { faultGauge(name).record(0) }

    private func faultGauge(_ name: String) -> CoreMetrics.Gauge {
        Gauge(label: MetricCatalog.faultsActive.name, dimensions: [("fault", name)], factory: factory)
    }
}
