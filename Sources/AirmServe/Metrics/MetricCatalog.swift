/// The gateway's Prometheus metrics: names, help text and histogram buckets (docs/serve.md "Metrics").
///
/// Every metric the gateway exports is one entry here; `deploy/grafana-dashboard.json` queries
/// only these names.
public enum MetricCatalog {
    public struct Entry: Sendable, Hashable {
        public let name: String
        public let help: String
    }

    /// Requests answered by the gateway, by `outcome` (ok, fallback, degraded, failed, dropped).
    public static let requests = Entry(
        name: "airm_requests_total", help: "Requests answered by the gateway, by outcome.")
    /// Attempts on a provider, by `provider` and `kind` (success, slow, an error kind, or rejected).
    public static let attempts = Entry(
        name: "airm_attempts_total",
        help: "Attempts on a provider, by kind: success, slow, an error kind, or rejected by the breaker.")
    /// Time from a request's arrival to its outcome.
    public static let requestDuration = Entry(
        name: "airm_request_duration_seconds", help: "Time from a request's arrival to its outcome, in seconds.")
    /// 1 for a breaker's current `state`, 0 for the others.
    public static let breakerState = Entry(
        name: "airm_breaker_state", help: "1 for the breaker's current state, 0 for its other states.")
    /// Breaker transitions, by `provider`, `from` and `to`.
    public static let breakerTransitions = Entry(
        name: "airm_breaker_transitions_total", help: "Breaker transitions, by provider and the states left and entered.")
    /// 1 while a fault is active, 0 once it has ended.
    public static let faultsActive = Entry(
        name: "airm_faults_active", help: "1 while the named fault is active, 0 once it has ended.")

    public static let all = [requests, attempts, requestDuration, breakerState, breakerTransitions, faultsActive]

    /// Buckets of `airm_request_duration_seconds`: from a cached answer (5 ms) to a long generation (60 s).
    public static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60),
    ]

    /// The help text of the metric named `name`, if it is one of the catalog's.
    static func help(for name: String) -> String? { all.first { $0.name == name }?.help }
}
