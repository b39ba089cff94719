import AirmEngine
import AirmSpec
import Hummingbird

/// `POST /automation/start` (a traffic entry in the experiment format, e.g. `{"rate": "0.5/s"}`),
/// `POST /automation/stop` and `GET /automation`.
struct AutomationRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.get("automation") { request, _ in
            try QueryCheck.only(request)
            let status = await services.gateway.automationStatus()
            let now = await services.gateway.now()
            return JSONResponse.make(AutomationPayload(automation: status.map { .init($0, now: now) }))
        }
        router.post("automation/start") { request, _ in
            try QueryCheck.only(request)
            let text = try await RequestBodyReader.text(request, limit: services.options.bodyLimit)
            if text.allSatisfy(\.isWhitespace) { throw APIError.badRequest("give one traffic stream, e.g. {\"rate\": \"0.5/s\"}") }
            let loaded = ExperimentLoader.loadStream(source: text, file: "body")
            guard let stream = loaded.stream, !loaded.hasErrors else {
                throw APIError.unprocessable("the traffic stream is not valid", diagnostics: loaded.diagnostics.filter { $0.severity == .error })
            }
            switch await services.gateway.startAutomation(stream) {
            case .success(let status):
                return JSONResponse.make(AutomationPayload(automation: .init(status, now: status.start)), status: .created)
            case .failure(.closedModel):
                throw APIError.unprocessable("automation takes `rate`, `stages` or `burst`; `users` streams are for `airm run`")
            }
        }
        router.post("automation/stop") { request, _ in
            try QueryCheck.only(request)
            _ = try await RequestBodyReader.text(request, limit: services.options.bodyLimit)
            let stopped = await services.gateway.stopAutomation()
            let now = await services.gateway.now()
            return JSONResponse.make(AutomationPayload(automation: stopped.map { .init($0, now: now) }))
        }
    }
}

struct AutomationPayload: Encodable {
    var automation: Running?

    struct Running: Encodable {
        var name: String
        var rate: String?
        var runningForMs: Double

        init(_ status: AutomationStatus, now: TimeSpan) {
            name = status.name
            rate = status.rate
            runningForMs = JSONResponse.milliseconds(max(TimeSpan.zero, now - status.start))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(automation, forKey: .automation)
    }

    enum CodingKeys: String, CodingKey { case automation }
}
