import AirmSpec

/// Provider-native error responses, built the way each provider writes them
/// (reference/providers.md), for injected faults and for the fake server.
public enum NativeErrors {
    /// An error response of `status` in `provider`'s shape.
    ///
    /// With `retryAfter` the response carries `Retry-After` (whole seconds, rounded up), plus
    /// `retry-after-ms` for Cohere and OpenAI, and Gemini's `RetryInfo.retryDelay` in the body.
    public static func response(_ provider: Provider.Kind, status: Int, retryAfter: TimeSpan? = nil,
                                message: String? = nil) -> SynthesizedResponse {
        let text = message ?? defaultMessage(provider, status: status)
        var headers: [(String, String)] = [("content-type", "application/json")]
        if let retryAfter {
            headers.append(("retry-after", String(Int((retryAfter.seconds).rounded(.up)))))
            if provider == .cohere || provider == .openai {
                headers.append(("retry-after-ms", String(Int(retryAfter.milliseconds.rounded(.up)))))
            }
        }
        return SynthesizedResponse(status: status, headers: headers,
                                   body: body(provider, status: status, message: text, retryAfter: retryAfter).bytes)
    }

    /// The 401 a provider answers when the request carries no key.
    public static func missingKey(_ provider: Provider.Kind) -> SynthesizedResponse {
        response(provider, status: 401, message: missingKeyMessage(provider))
    }

    /// HuggingFace's cold start: 503 `{"error":"Model X is currently loading","estimated_time":…}`.
    public static func modelLoading(model: String, estimatedTime: TimeSpan) -> SynthesizedResponse {
        let body: JSONValue = .members(("error", .string("Model \(model) is currently loading")),
                                       ("estimated_time", .double(estimatedTime.seconds)))
        return SynthesizedResponse(status: 503, headers: [("content-type", "application/json")], body: body.bytes)
    }

    // MARK: - Bodies

    static func body(_ provider: Provider.Kind, status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue {
        switch provider {
        case .gemini:
            var details: [JSONValue] = []
            if status == 429, let retryAfter {
                details.append(.members(("@type", "type.googleapis.com/google.rpc.RetryInfo"),
                                        ("retryDelay", .string(protobufDuration(retryAfter)))))
            }
            var error: [(String, JSONValue)] = [("code", .int(status)), ("message", .string(message)),
                                                ("status", .string(googleStatus(status)))]
            if !details.isEmpty { error.append(("details", .array(details))) }
            return .members(("error", .object(error.map { JSONValue.Member($0.0, $0.1) })))
        case .cohere:
            return .members(("id", .string(requestID(status: status))), ("message", .string(message)))
        case .huggingface:
            if let errorType = tgiErrorType(status) {
                return .members(("error", .string(message)), ("error_type", .string(errorType)))
            }
            return .members(("error", .string(message)))
        case .openai, .simulated:
            return .members(("error", .members(("message", .string(message)), ("type", .string(openAIType(status))),
                                               ("param", .null), ("code", openAICode(status)))))
        }
    }

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

    static func tgiErrorType(_ status: Int) -> String? {
        switch status {
        case 422: "validation"
        case 424: "generation"
        case 429: "overloaded"
        case 500: "incomplete_generation"
        default: nil
        }
    }

    static func openAIType(_ status: Int) -> String {
        switch status {
        case 429: "requests"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
    }

    static func openAICode(_ status: Int) -> JSONValue {
        switch status {
        case 401: "invalid_api_key"
        case 429: "rate_limit_exceeded"
        default: .null
        }
    }

    static func protobufDuration(_ span: TimeSpan) -> String {
        let seconds = span.seconds
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    static func requestID(status: Int) -> String { "00000000-0000-4000-8000-000000000\(status)" }

    // MARK: - Messages

    static func defaultMessage(_ provider: Provider.Kind, status: Int) -> String {
        switch (provider, status) {
        case (.gemini, 429): "Resource has been exhausted (e.g. check quota)."
        case (.gemini, 503): "The model is overloaded. Please try again later."
        case (.gemini, 500): "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
        case (.gemini, 400): "Invalid JSON payload received."
        case (.cohere, 429): "You are past the per minute request limit, please wait and try again later."
        case (.cohere, 400): "invalid request: body is not valid JSON"
        case (.huggingface, 429): "Model is overloaded"
        case (.huggingface, 400): "Failed to deserialize the JSON body into the target type"
        case (.openai, 429), (.simulated, 429): "Rate limit reached for requests. Please try again later."
        case (.openai, 503), (.simulated, 503): "That model is currently overloaded with other requests. You can retry your request."
        case (.openai, 500), (.simulated, 500): "The server had an error while processing your request. Sorry about that!"
        case (.openai, 400), (.simulated, 400): "We could not parse the JSON body of your request."
        case (_, 503): "Service Unavailable"
        case (_, 500...): "Internal Server Error"
        default: "HTTP \(status)"
        }
    }

    static func missingKeyMessage(_ provider: Provider.Kind) -> String {
        switch provider {
        case .gemini: "Request is missing required authentication credential. Expected a valid API key."
        case .cohere: "no api key supplied"
        case .huggingface: "Invalid credentials in Authorization header"
        case .openai, .simulated: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
        }
    }
}
