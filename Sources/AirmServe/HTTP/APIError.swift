import AirmSpec
import Foundation
import Hummingbird

/// An error answered as JSON, `{"error": {"status", "code", "message", "diagnostics"?}}`
/// (docs/serve.md "Errors").
public struct APIError: Error, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// A stable, machine-readable name: `bad_request`, `unauthorized`, `not_found`, …
    public var code: String
    public var message: String
    /// Located problems of a fault or traffic stream that was refused.
    public var diagnostics: [Diagnostic] = []
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, diagnostics: [Diagnostic] = [],
                headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
        self.headers = headers
    }

    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
    public static func unprocessable(_ message: String, diagnostics: [Diagnostic] = []) -> APIError {
        APIError(.unprocessableContent, "invalid", message, diagnostics: diagnostics)
    }

    /// The JSON answer.
    public var response: Response {
        var payload = Payload.Body(status: Int(status.code), code: code, message: message, diagnostics: nil)
        if !diagnostics.isEmpty { payload.diagnostics = diagnostics.map(Payload.Located.init) }
        var response = JSONResponse.make(Payload(error: payload), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    struct Payload: Encodable {
        var error: Body

        struct Body: Encodable {
            var status: Int
            var code: String
            var message: String
            var diagnostics: [Located]?
        }

        /// A diagnostic with its place in the body: line and column from 1.
        struct Located: Encodable {
            var severity: String
            var message: String
            var line: Int?
            var column: Int?
            var hint: String?

            init(_ diagnostic: Diagnostic) {
                severity = diagnostic.severity.rawValue
                message = diagnostic.message
                line = diagnostic.location?.line
                column = diagnostic.location?.column
                hint = diagnostic.hint
            }
        }
    }
}
