import Hummingbird
import Logging

/// The HTTP face of a `Gateway`: the route groups behind the access log, CORS, JSON errors,
/// the body limit and the token (docs/serve.md).
public struct ServeServer: Sendable {
    public let services: ServeServices
    public var groups: [any RouteGroup]

    public init(services: ServeServices, groups: [any RouteGroup] = ServeRoutes.all) {
        self.services = services
        self.groups = groups
    }

    /// The router with every group's routes and the middleware, outermost first: access log,
    /// CORS (only with `--cors`), JSON errors, body limit, token (only with a token).
    public func makeRouter() -> Hummingbird.Router<ServeContext> {
        let router = Hummingbird.Router(context: ServeContext.self)
        let options = services.options
        router.add(middleware: AccessLogMiddleware(logger: services.logger))
        if let origin = options.corsOrigin {
            router.add(middleware: CORSMiddleware(allowOrigin: .custom(origin), allowHeaders: [.contentType, .authorization],
                                                  allowMethods: [.get, .post, .options]))
        }
        router.add(middleware: ErrorMiddleware(routes: routeTable))
        router.add(middleware: BodyLimitMiddleware(limit: options.bodyLimit))
        if let token = options.token, !token.isEmpty {
            router.add(middleware: TokenMiddleware(token: token))
        }
        for group in groups { group.register(on: router, services: services) }
        return router
    }

    /// Every route the groups add, as method and path.
    public var routeTable: [(method: String, path: String)] {
        let scratch = Hummingbird.Router(context: ServeContext.self)
        for group in groups { group.register(on: scratch, services: services) }
        return scratch.routes.map { ($0.method.rawValue, $0.path.description) }
    }

    /// The application on the options' host and port; `onReady` receives the bound port.
    public func makeApplication(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: makeRouter(),
                    configuration: ApplicationConfiguration(address: .hostname(services.options.host, port: services.options.port),
                                                            serverName: nil),
                    onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
                    logger: services.logger)
    }
}
