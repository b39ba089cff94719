import AirmSpec
import AsyncHTTPClient

/// HuggingFace (docs/providers.md#huggingface): the catalog entry, the live client and the
/// native error bodies. The fake API is in `HuggingFaceProvider+Fake.swift`.
struct HuggingFaceProvider: ProviderAPI {
    var kind: Provider.Kind { .huggingface }
    var defaultEndpoint: String { "https://router.huggingface.co/hf-inference" }

    /// Classic text generation; an endpoint whose path ends in `/v1` is the Inference Providers
    /// router, which speaks the OpenAI-compatible chat at `/chat/completions` below it.
    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient {
        if let endpoint, endpoint.hasSuffix("/v1") {
            return OpenAIProvider.v1Client(model: model, apiKey: apiKey, endpoint: endpoint, http: http)
        }
        return HTTPProviderClient(wire: HuggingFaceWire(model: model, apiKey: apiKey),
                                  baseURL: endpoint ?? defaultEndpoint, http: http)
    }

    // MARK: - Native errors

    /// `{"error":"…"}`, with TGI's `error_type` where it has one.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        if let errorType = Self.tgiErrorType(status) {
            return .members(("error", .string(message)), ("error_type", .string(errorType)))
        }
        return .members(("error", .string(message)))
    }

    func errorMessage(status: Int) -> String? {
        switch status {
        case 429: "Model is overloaded"
        case 400: "Failed to deserialize the JSON body into the target type"
        default: nil
        }
    }

    var missingKeyMessage: String { "Invalid credentials in Authorization header" }

    /// A cold model: 503 `{"error":"Model X is currently loading","estimated_time":…}`.
    func coldStart(model: String, estimatedTime: TimeSpan) -> SynthesizedResponse {
        let body: JSONValue = .members(("error", .string("Model \(model) is currently loading")),
                                       ("estimated_time", .double(estimatedTime.seconds)))
        return SynthesizedResponse(status: 503, headers: [("content-type", "application/json")], body: body.bytes)
    }

    static func tgiErrorType(_ status: Int) -> String? {
        switch status {
        case 422: "validation"
        case 424: "generation"
        case 429: "overloaded"
        case 500: "incomplete_generation"
        default: nil
        }
    }
}
