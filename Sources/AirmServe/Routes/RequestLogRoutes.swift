import AirmEngine
import AirmStore
import Foundation
import Hummingbird

/// `GET /api/history/requests` and `GET /api/database/stats`: the request log read back
/// (docs/serve.md "Request log").
struct RequestLogRoutes: RouteGroup {
    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        Self.add(to: router, log: services.observability.log)
    }

    /// The routes over `log`; without one they answer 404 (the gateway keeps no log).
    static func add<Context: RequestContext>(to router: some RouterMethods<Context>, log: RequestLog?) {
        router.get("api/history/requests") { request, _ in
            try QueryCheck.only(request, ["limit", "provider", "outcome", "since"])
            let query = try Self.query(request.uri.queryParameters)
            let log = try Self.kept(log)
            let rows = try await Self.reading { try await log.requests(query) }
            return JSONResponse.make(RequestsJSON(requests: rows.map(RequestJSON.init)))
        }
        router.get("api/database/stats") { request, _ in
            try QueryCheck.only(request)
            let log = try Self.kept(log)
            let stats = try await Self.reading { try await log.stats() }
            return JSONResponse.make(StatsJSON(stats, path: log.path))
        }
    }

    private static func kept(_ log: RequestLog?) throws(APIError) -> RequestLog {
        guard let log else { throw APIError.notFound("this gateway keeps no request log") }
        return log
    }

    /// Runs a read of the log; a failure of the file is a 500 that names it.
    private static func reading<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RequestLogError {
            throw APIError(.internalServerError, "request_log", error.description)
        }
    }

    /// The query `?limit&provider&outcome&since` asks for; 400 for a value that does not parse.
    static func query(_ parameters: Parameters) throws -> RequestLog.Query {
        var query = RequestLog.Query()
        if let text = parameters["limit"] {
            guard let limit = Int(text), (0...RequestLog.Query.maximumLimit).contains(limit) else {
                throw APIError.badRequest("limit must be a whole number from 0 to \(RequestLog.Query.maximumLimit)")
            }
            query.limit = limit
        }
        if let provider = parameters["provider"], !provider.isEmpty { query.provider = String(provider) }
        if let text = parameters["outcome"] {
            guard let outcome = RequestOutcome(rawValue: String(text)) else {
                let names = RequestOutcome.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("outcome must be one of \(names)")
            }
            query.outcome = outcome
        }
        if let text = parameters["since"] {
            guard let since = JSONResponse.date(String(text)) else {
                throw APIError.badRequest("since must be an ISO 8601 time or Unix seconds")
            }
            query.since = since
        }
        return query
    }
}

// MARK: - Bodies

struct RequestsJSON: Encodable {
    var requests: [RequestJSON]
}

/// One request row as the API writes it: times in ISO 8601, the latency in milliseconds.
struct RequestJSON: Encodable {
    var id: Int64?
    var at: String
    var provider: String?
    var outcome: String
    var attempts: Int
    var latencyMs: Double
    var fault: String?
    var prompt: String?
    var answer: String?

    init(_ row: RequestRow) {
        id = row.id
        at = JSONResponse.timestamp(row.at)
        provider = row.provider
        outcome = row.outcome.rawValue
        attempts = row.attempts
        latencyMs = JSONResponse.milliseconds(row.latency)
        fault = row.fault
        prompt = row.prompt
        answer = row.answer
    }
}

struct StatsJSON: Encodable {
    var path: String
    var rows: Int
    var bytes: Int64
    var oldest: String?
    var newest: String?

    init(_ stats: RequestLog.Stats, path: String) {
        self.path = path
        rows = stats.rows
        bytes = stats.bytes
        oldest = stats.oldest.map(JSONResponse.timestamp)
        newest = stats.newest.map(JSONResponse.timestamp)
    }
}
