/// `airm serve`: the gateway driver of the run core (docs/architecture.md).
///
/// Requests arrive over HTTP instead of from a traffic schedule, in wall time; breakers,
/// retries, fallback, fault effects and metrics are the engine's.
public enum AirmServe {}
