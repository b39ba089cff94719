import Hummingbird
import Logging

/// One structured log line per request: method, path (no query, no headers: no token or key
/// can reach the log), status, duration and client.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let took = ContinuousClock.now - start
        logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "status": "\(response.status.code)",
            "ms": "\(Double(took.components.attoseconds / 1_000_000_000_000) / 1000 + Double(took.components.seconds) * 1000)",
            "client": "\(context.client)",
        ])
        return response
    }
}
