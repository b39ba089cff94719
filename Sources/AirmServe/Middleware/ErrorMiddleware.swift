import Hummingbird
import Logging

/// Answers every error as JSON (`APIError`): the routes' own, Hummingbird's (an unknown route
/// is a 404), and anything unexpected, which is logged
/// and answered 500 without its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as any HTTPResponseError {
            let status = error.status
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
