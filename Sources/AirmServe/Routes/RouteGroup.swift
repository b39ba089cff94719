import Hummingbird

/// One concern's routes of `airm serve` (docs/serve.md "Routes").
///
/// An implementation adds its routes to the router in `register` and nothing else: no
/// middleware on the whole router, no state of its own outside `services`. Every route it adds
/// must be in openapi.yaml with the same method and path (`OpenAPITests` checks). Adding a
/// group is one file here plus one line in `ServeRoutes.all`.
public protocol RouteGroup: Sendable {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices)
}

/// Every route group of `airm serve`, in registration order.
public enum ServeRoutes {
    public static let all: [any RouteGroup] = [
        AIRoutes(),
        HealthRoutes(),
        ChaosRoutes(),
        BreakerRoutes(),
        AutomationRoutes(),
        OpenAPIRoutes(),
        MetricsRoutes(),
        RequestLogRoutes(),
        EventsRoutes(),
        DashboardRoutes(),
    ]
}
