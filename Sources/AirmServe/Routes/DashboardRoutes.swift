import Hummingbird

/// `GET /`: the live dashboard (docs/serve.md "Dashboard").
struct DashboardRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        Self.add(to: router)
    }

    static func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        let page = ByteBuffer(string: DashboardPage.html())
        router.get("/") { request, _ in
            try QueryCheck.only(request)
            return Response(status: .ok, headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
                .contentSecurityPolicy: DashboardPage.contentSecurityPolicy,
            ], body: ResponseBody(byteBuffer: page))
        }
    }
}
