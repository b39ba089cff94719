import Hummingbird

/// Refuses a body announced larger than the limit with 413 before reading it; bodies sent
/// without a length are held to the limit as they are read (`RequestBodyReader`).
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "too_large", "the body is larger than \(limit) bytes")
        }
        return try await next(request, context)
    }
}
