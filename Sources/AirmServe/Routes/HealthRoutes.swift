import AirmEngine
import AirmSpec
import Hummingbird

/// `GET /test`: health, per provider its breaker state and its last error.
struct HealthRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.get("test") { request, _ in
            try QueryCheck.only(request)
            let gateway = services.gateway
            let breakers = await gateway.breakers()
            let now = await gateway.now()
            let kinds = gateway.plan.providers.map(\.kind.rawValue)
            let providers = breakers.enumerated().map { index, status in
                HealthPayload.Provider(status, type: kinds[index], now: now)
            }
            // Healthy while some provider of the route can be called.
            let callable = Set(gateway.plan.router.legs.map(\.provider))
            let up = breakers.indices.contains { callable.contains($0) && breakers[$0].state.letsCallsThrough }
            return JSONResponse.make(HealthPayload(status: up ? "ok" : "degraded", providers: providers))
        }
    }
}

struct HealthPayload: Encodable {
    var status: String
    var providers: [Provider]

    struct Provider: Encodable {
        var name: String
        var type: String
        var simulated: Bool
        var breaker: String
        var lastError: ErrorPayload?

        init(_ status: Gateway.BreakerStatus, type: String, now: TimeSpan) {
            name = status.provider
            self.type = type
            simulated = !status.live
            breaker = status.state.rawValue
            lastError = status.lastError.map { ErrorPayload($0, now: now) }
        }
    }

    struct ErrorPayload: Encodable {
        var kind: String
        var message: String
        var agoMs: Double

        init(_ error: Gateway.LastError, now: TimeSpan) {
            kind = error.kind.rawValue
            message = error.message
            agoMs = JSONResponse.milliseconds(now - error.at)
        }
    }
}

extension BreakerState {
    /// Whether calls (or probes) can get through.
    var letsCallsThrough: Bool {
        switch self {
        case .closed, .halfOpen, .disabled: true
        case .open, .forcedOpen: false
        }
    }
}
