import Hummingbird
import Logging

/// Answers every error as JSON (`APIError`): the routes' own, Hummingbird's (an unknown path
/// is a 404, a known path with another method a 405 with `Allow`), and anything unexpected, which is logged
/// and answered 500 without its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    /// Every route as (method, path components), `{name}` matching any one component.
    let routes: [(method: String, path: [Substring])]

    init(routes: [(method: String, path: String)]) {
        self.routes = routes.map { ($0.method, $0.path.split(separator: "/")) }
    }

    /// The methods that `path` has routes for, sorted.
    func methods(for path: String) -> [String] {
        let components = path.split(separator: "/")
        let matching = routes.filter { route in
            route.path.count == components.count && zip(route.path, components).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return Set(matching.map(\.method)).sorted()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as any HTTPResponseError {
            let status = error.status
            if status == .notFound, request.method != .options {
                let allowed = methods(for: request.uri.path)
                if !allowed.isEmpty {
                    let allow = allowed.joined(separator: ", ")
                    return APIError(.methodNotAllowed, "method_not_allowed", "\(request.uri.path) takes \(allow)",
                                    headers: [.allow: allow]).response
                }
            }
            let code = status == .notFound ? "not_found" : status == .methodNotAllowed ? "method_not_allowed"
                : status.code < 500 ? "bad_request" : "internal"
            let message = status == .notFound ? "no route \(request.method) \(request.uri.path)" : status.reasonPhrase
            return APIError(status, code, message).response
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(describing: type(of: error)))"])
            return APIError(.internalServerError, "internal", "the request could not be answered").response
        }
    }
}
