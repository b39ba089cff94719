import AirmSpec
import AsyncHTTPClient

/// OpenAI-compatible chat completions (docs/providers.md#openai-compatible): the catalog entry,
/// the live client and the native error bodies. The fake API is in `OpenAIProvider+Fake.swift`.
struct OpenAIProvider: ProviderAPI {
    var kind: Provider.Kind { .openai }
    var defaultEndpoint: String { "https://api.openai.com" }

    /// `/v1/chat/completions` below the base URL; an endpoint whose path already ends in `/v1`
    /// gets `/chat/completions` below it.
    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        if let endpoint, endpoint.hasSuffix("/v1") {
            return Self.v1Client(model: model, apiKey: apiKey, endpoint: endpoint, http: http)
        }
        return HTTPProviderClient(wire: OpenAIWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint,
                                  http: http)
    }

    /// The chat completions client for an endpoint that ends in `/v1`.
    static func v1Client(model: String, apiKey: String, endpoint: String, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: OpenAIWire(model: model, apiKey: apiKey, path: "/chat/completions"),
                           baseURL: endpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":{"message","type","param","code"}}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("error", .members(("message", .string(message)), ("type", .string(Self.errorType(status))),
                                    ("param", .null), ("code", Self.errorCode(status)))))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Rate limit reached for requests. Please try again later."
        case 503: "That model is currently overloaded with other requests. You can retry your request."
        case 500: "The server had an error while processing your request. Sorry about that!"
        case 400: "We could not parse the JSON body of your request."
        default: nil
        }
    }

    var missingKeyMessage: String {
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
    }

    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)] { NativeErrors.milliseconds(retryAfter) }

    static func errorType(_ status: Int) -> String {
        switch status {
        case 429: "requests"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
    }

    static func errorCode(_ status: Int) -> JSONValue {
        switch status {
        case 401: "invalid_api_key"
        case 429: "rate_limit_exceeded"
        default: .null
        }
    }
}
