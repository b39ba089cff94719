import AirmSpec
import AsyncHTTPClient

/// Anthropic Messages (docs/providers.md#anthropic): the catalog entry, the live client and the
/// native error bodies. The fake API is in `AnthropicProvider+Fake.swift`.
struct AnthropicProvider: ProviderAPI {
    var kind: Provider.Kind { .anthropic }
    var defaultEndpoint: String { "https://api.anthropic.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: AnthropicWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint,
                           http: http)
    }

    // MARK: - Native errors

    /// `{"type":"error","error":{"type":…,"message":…}}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("type", "error"), ("error", .members(("type", .string(Self.errorType(status))),
                                                       ("message", .string(message)))))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 400: "The request body is not a valid Messages request."
        case 401: "invalid x-api-key"
        case 403: "Your API key does not have permission to use the specified resource."
        case 404: "The requested resource could not be found."
        case 413: "Request exceeds the maximum allowed number of bytes."
        case 429: "This request would exceed the rate limit for your organization. Please try again later."
        case 500: "Internal server error"
        case 503, 529: "Overloaded"
        default: nil
        }
    }

    var missingKeyMessage: String { "x-api-key header is required" }

    /// The `error.type` for `status`; statuses the API does not list map by their class.
    static func errorType(_ status: Int) -> String {
        switch status {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 503, 529: "overloaded_error"
        case 500...: "api_error"
        default: "invalid_request_error"
        }
    }
}
