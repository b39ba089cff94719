import AirmSpec
import AsyncHTTPClient

/// Cohere Chat v2 (docs/providers.md#cohere): the catalog entry, the live client and the native
/// error bodies. The fake API is in `CohereProvider+Fake.swift`.
struct CohereProvider: ProviderAPI {
    var kind: Provider.Kind { .cohere }
    var defaultEndpoint: String { "https://api.cohere.com" }

    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        HTTPProviderClient(wire: CohereWire(model: model, apiKey: apiKey), baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"id":…,"message":…}`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        .members(("id", .string(Self.requestID(status: status))), ("message", .string(message)))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "You are past the per minute request limit, please wait and try again later."
        case 400: "invalid request: body is not valid JSON"
        default: nil
        }
    }

    var missingKeyMessage: String { "no api key supplied" }

    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)] { NativeErrors.milliseconds(retryAfter) }

    static func requestID(status: Int) -> String { "00000000-0000-4000-8000-000000000\(status)" }
}
