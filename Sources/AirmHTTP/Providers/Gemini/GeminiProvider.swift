import AirmSpec
import AsyncHTTPClient

/// Gemini v1beta (docs/providers.md#gemini): the catalog entry, the live client and the
/// native error bodies. The fake API is in `GeminiProvider+Fake.swift`.
struct GeminiProvider: ProviderAPI {
    var kind: Provider.Kind { .gemini }
    var defaultEndpoint: String { "https://generativelanguage.googleapis.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: GeminiWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":{code,message,status,details}}`; a 429 with a retry hint carries `RetryInfo`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        var details: [JSONValue] = []
        if status == 429, let retryAfter {
            details.append(.members(("@type", "type.googleapis.com/google.rpc.RetryInfo"),
                                    ("retryDelay", .string(Self.protobufDuration(retryAfter)))))
        }
        var error: [(String, JSONValue)] = [("code", .int(status)), ("message", .string(message)),
                                            ("status", .string(Self.googleStatus(status)))]
        if !details.isEmpty { error.append(("details", .array(details))) }
        return .members(("error", .object(error.map { JSONValue.Member($0.0, $0.1) })))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Resource has been exhausted (e.g. check quota)."
        case 503: "The model is overloaded. Please try again later."
        case 500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        case 400: "Invalid JSON payload received."
        default: nil
        }
    }

    var missingKeyMessage: String { "Request is missing required authentication credential. Expected a valid API key." }

    static func googleStatus(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 408, 504: "DEADLINE_EXCEEDED"
        case 429: "RESOURCE_EXHAUSTED"
        case 501: "UNIMPLEMENTED"
        case 503: "UNAVAILABLE"
        default: status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"
        }
    }

    static func protobufDuration(_ span: TimeSpan) -> String {
        let seconds = span.seconds
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
