import Hummingbird

/// With a token, every request that can change state (any method but GET, HEAD and OPTIONS)
/// needs `Authorization: Bearer <token>`; anything else is a 401. The comparison takes the same
/// time wherever the first difference is.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        default:
            let given = request.headers[.authorization] ?? ""
            guard given.hasPrefix("Bearer "), Self.equal(Array(given.utf8.dropFirst(7)), Array(token.utf8)) else {
                throw APIError(.unauthorized, "unauthorized", "this route needs `Authorization: Bearer <token>`",
                               headers: [.wwwAuthenticate: "Bearer"])
            }
            return try await next(request, context)
        }
    }

    /// Compares in time that depends on the lengths only, not on where the bytes differ.
    static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count) | (lhs.count == rhs.count ? 0 : 1)
        for index in 0..<max(lhs.count, rhs.count) {
            let a = index < lhs.count ? lhs[index] : 0
            let b = index < rhs.count ? rhs[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
