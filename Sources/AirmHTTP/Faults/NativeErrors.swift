import AirmSpec

/// How one provider writes its error responses (docs/providers.md).
///
/// An implementation must return the body the provider sends for `status` and `message`,
/// carrying `retryAfter` in the body only where the provider does (Gemini's `RetryInfo`).
/// `NativeErrors` adds the `content-type` and retry headers around it.
protocol NativeErrorFormat: Sendable {
    /// The error body for `status` with `message`.
    func errorBody(status: Int, message: String, retryAfter: TimeSpan?) -> JSONValue
    /// The provider's own wording for `status`, or `nil` for the generic one.
    func errorMessage(status: Int) -> String?
    /// The message of the error a request without key gets.
    var missingKeyMessage: String { get }
    /// The status a request without key gets (401 unless the provider says otherwise).
    var missingKeyStatus: Int { get }
    /// Headers besides `retry-after` that carry a retry hint (e.g. `retry-after-ms`).
    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)]
    /// The answer while the model is loading: HuggingFace's own 503, else the native 503.
    func coldStart(model: String, estimatedTime: TimeSpan) -> SynthesizedResponse
}

extension NativeErrorFormat {
    var missingKeyStatus: Int { 401 }

    func retryHeaders(_ retryAfter: TimeSpan) -> [(String, String)] { [] }

    func coldStart(model: String, estimatedTime: TimeSpan) -> SynthesizedResponse {
        NativeErrors.response(self, status: 503)
    }
}

/// Provider-native error responses, built the way each provider writes them
/// (docs/providers.md), for injected faults and for the fake server.
public enum NativeErrors {
    /// An error response of `status` in `provider`'s shape.
    ///
    /// With `retryAfter` the response carries `Retry-After` (whole seconds, rounded up), plus
    /// what the provider adds (`retry-after-ms`, Gemini's `RetryInfo.retryDelay` in the body).
    public static func response(_ provider: Provider.Kind, status: Int, retryAfter: TimeSpan? = nil,
                                message: String? = nil) -> SynthesizedResponse {
        response(format(provider), status: status, retryAfter: retryAfter, message: message)
    }

    /// What a provider answers when the request carries no key (401, Gemini 403).
    public static func missingKey(_ provider: Provider.Kind) -> SynthesizedResponse {
        missingKey(format(provider))
    }

    // MARK: - By format

    static func response(_ format: any NativeErrorFormat, status: Int, retryAfter: TimeSpan? = nil,
                         message: String? = nil) -> SynthesizedResponse {
        let text = message ?? format.errorMessage(status: status) ?? genericMessage(status: status)
        var headers: [(String, String)] = [("content-type", "application/json")]
        if let retryAfter {
            headers.append(("retry-after", String(Int((retryAfter.seconds).rounded(.up)))))
            headers += format.retryHeaders(retryAfter)
        }
        return SynthesizedResponse(status: status, headers: headers,
                                   body: format.errorBody(status: status, message: text, retryAfter: retryAfter).bytes)
    }

    static func missingKey(_ format: any NativeErrorFormat) -> SynthesizedResponse {
        response(format, status: format.missingKeyStatus, message: format.missingKeyMessage)
    }

    /// The format of `provider`; a type without a wire (`simulated`) answers as OpenAI-compatible.
    static func format(_ provider: Provider.Kind) -> any NativeErrorFormat {
        ProviderAPIs.api(for: provider) ?? OpenAIProvider()
    }

    // MARK: - Shared pieces

    static func genericMessage(status: Int) -> String {
        switch status {
        case 503: "Service Unavailable"
        case 500...: "Internal Server Error"
        default: "HTTP \(status)"
        }
    }

    /// `retry-after-ms`, in whole milliseconds rounded up.
    static func milliseconds(_ retryAfter: TimeSpan) -> [(String, String)] {
        [("retry-after-ms", String(Int(retryAfter.milliseconds.rounded(.up))))]
    }
}
