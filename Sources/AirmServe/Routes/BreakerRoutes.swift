import AirmEngine
import AirmSpec
import Hummingbird

/// `GET /circuit-breaker/status`, and `POST /circuit-breaker/reset`, `/force-open` and
/// `/disable` for one breaker (`{"provider": …}` or `?provider=`) or every one.
struct BreakerRoutes: RouteGroup {
    static let actions: [(path: String, action: RunCore.BreakerAction)] = [
        ("reset", .reset), ("force-open", .forceOpen), ("disable", .disable),
    ]

    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.get("circuit-breaker/status") { request, _ in
            try QueryCheck.only(request)
            return try await status(services)
        }
        for (path, action) in Self.actions {
            router.post("circuit-breaker/\(path)") { request, _ in
                try QueryCheck.only(request, ["provider"])
                let body = try await RequestBodyReader.object(request, limit: services.options.bodyLimit, emptyIsObject: true)
                try body.only(["provider"])
                let fromQuery = request.uri.queryParameters["provider"].map(String.init)
                let fromBody = try body.string("provider")
                if let fromQuery, let fromBody, fromQuery != fromBody {
                    throw APIError(.conflict, "conflict", "the query names `\(fromQuery)` and the body `\(fromBody)`")
                }
                var providers: [Int]?
                if let name = fromQuery ?? fromBody {
                    guard let index = await services.gateway.providerIndex(name) else { throw APIError.notFound("no provider `\(name)`") }
                    providers = [index]
                }
                _ = await services.gateway.control(action, providers: providers)
                return try await status(services)
            }
        }
    }

    private func status(_ services: ServeServices) async throws -> Response {
        let breakers = await services.gateway.breakers()
        let now = await services.gateway.now()
        return JSONResponse.make(BreakersPayload(breakers: breakers.map { BreakersPayload.Breaker($0, now: now) }))
    }
}

struct BreakersPayload: Encodable {
    var breakers: [Breaker]

    struct Breaker: Encodable {
        var provider: String
        var state: String
        /// For an `open` breaker: how long until probes go through.
        var openRemainingMs: Double?

        init(_ status: Gateway.BreakerStatus, now: TimeSpan) {
            provider = status.provider
            state = status.state.rawValue
            openRemainingMs = status.openUntil.map { JSONResponse.milliseconds(max(TimeSpan.zero, $0 - now)) }
        }
    }
}
