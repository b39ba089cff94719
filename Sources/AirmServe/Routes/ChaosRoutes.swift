import AirmEngine
import AirmSpec
import Hummingbird

/// `POST /chaos/inject` (one fault in the experiment format, YAML or JSON, time-bounded and
/// rolled back at its end), `POST /chaos/stop` (by name, or all) and `GET /chaos`.
struct ChaosRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.get("chaos") { request, _ in
            try QueryCheck.only(request)
            return try await list(services)
        }
        router.post("chaos/inject") { request, _ in
            try QueryCheck.only(request)
            let text = try await RequestBodyReader.text(request, limit: services.options.bodyLimit)
            if text.allSatisfy(\.isWhitespace) {
                throw APIError.badRequest("give one fault, e.g. {\"type\": \"unavailable\", \"target\": \"gemini\", \"for\": \"30s\"}")
            }
            let loaded = ExperimentLoader.loadFault(source: text, file: "body", faultTypes: FaultTypes.all)
            guard let fault = loaded.fault, !loaded.hasErrors else {
                throw APIError.unprocessable("the fault is not valid", diagnostics: loaded.diagnostics.filter { $0.severity == .error })
            }
            switch await services.gateway.inject(fault) {
            case .success(let status):
                let now = await services.gateway.now()
                return JSONResponse.make(FaultsPayload.Fault(status, now: now), status: .created)
            case .failure(.unknownTarget(let name)):
                throw APIError.notFound("the fault targets `\(name)`, which is not a provider of this gateway")
            case .failure(.unbounded):
                throw APIError.unprocessable("an injected fault must end: give `for` (e.g. `for: 30s`) or `until`")
            case .failure(.tooLong(let length)):
                throw APIError.unprocessable("the fault would last \(length), longer than \(Gateway.maxFaultLength)")
            }
        }
        router.post("chaos/stop") { request, _ in
            try QueryCheck.only(request, ["name"])
            let body = try await RequestBodyReader.object(request, limit: services.options.bodyLimit, emptyIsObject: true)
            try body.only(["name"])
            let fromQuery = request.uri.queryParameters["name"].map(String.init)
            let fromBody = try body.string("name")
            if let fromQuery, let fromBody, fromQuery != fromBody {
                throw APIError(.conflict, "conflict", "the query names `\(fromQuery)` and the body `\(fromBody)`")
            }
            let name = fromQuery ?? fromBody
            let stopped = await services.gateway.stopFaults(named: name)
            if let name, stopped.isEmpty { throw APIError.notFound("no active fault `\(name)`") }
            let now = await services.gateway.now()
            return JSONResponse.make(StoppedPayload(stopped: stopped.map { FaultsPayload.Fault($0, now: now) }))
        }
    }

    private func list(_ services: ServeServices) async throws -> Response {
        let faults = await services.gateway.pendingFaults()
        let now = await services.gateway.now()
        return JSONResponse.make(FaultsPayload(faults: faults.map { FaultsPayload.Fault($0, now: now) }))
    }
}

struct FaultsPayload: Encodable {
    var faults: [Fault]

    struct Fault: Encodable {
        var name: String
        var type: String
        var target: String
        var origin: String
        var active: Bool
        /// 0 once started.
        var startsInMs: Double
        var remainingMs: Double

        init(_ status: FaultStatus, now: TimeSpan) {
            name = status.name
            type = status.type
            target = status.target
            origin = status.origin.rawValue
            active = status.start <= now && now < status.end
            startsInMs = JSONResponse.milliseconds(max(TimeSpan.zero, status.start - now))
            remainingMs = JSONResponse.milliseconds(max(TimeSpan.zero, status.end - now))
        }
    }
}

struct StoppedPayload: Encodable {
    var stopped: [FaultsPayload.Fault]
}
