import AirmEngine
import AirmSpec
import Hummingbird

/// `POST /ai` and `POST /ai/{provider}`: a call answered through the policy, as JSON, or as
/// server-sent events when `stream` is true (docs/serve.md "POST /ai").
struct AIRoutes: RouteGroup {
    static let fields = ["prompt", "provider", "stream", "max_tokens"]
    /// The longest prompt taken, in characters.
    static let maxPrompt = 100_000

    func register(on router: Hummingbird.Router<ServeContext>, services: ServeServices) {
        router.post("ai") { request, context in
            try await answer(request, context: context, services: services, pinned: nil)
        }
        router.post("ai/{provider}") { request, context in
            try await answer(request, context: context, services: services, pinned: context.parameters.get("provider"))
        }
    }

    private func answer(_ request: Request, context: ServeContext, services: ServeServices, pinned: String?) async throws -> Response {
        if let wait = services.limiter.take(context.client) {
            let seconds = Int(wait.seconds.rounded(.up))
            throw APIError(.tooManyRequests, "rate_limited", "too many calls from this client; retry in \(max(1, seconds)) s",
                           headers: [.retryAfter: "\(max(1, seconds))"])
        }
        try QueryCheck.only(request)
        let body = try await RequestBodyReader.object(request, limit: services.options.bodyLimit)
        try body.only(pinned == nil ? Self.fields : Self.fields.filter { $0 != "provider" })
        guard let prompt = try body.string("prompt") else { throw APIError.badRequest("`prompt` is required") }
        guard prompt.count <= Self.maxPrompt else { throw APIError.badRequest("`prompt` is longer than \(Self.maxPrompt) characters") }
        let named = try pinned ?? body.string("provider")
        let stream = try body.bool("stream") ?? false
        let maxTokens = try body.int("max_tokens", in: 1...1_000_000)
        var provider: Int?
        if let named {
            guard let index = await services.gateway.providerIndex(named) else {
                throw APIError.notFound("no provider `\(named)`")
            }
            guard services.gateway.plan.router.legs.contains(where: { $0.provider == index }) else {
                throw APIError.notFound("provider `\(named)` is not in `policy.route`")
            }
            provider = index
        }
        let record = await services.gateway.call(Gateway.Call(prompt: prompt, provider: provider, maxTokens: maxTokens, stream: stream))
        let payload = CallPayload(record)
        switch record.outcome {
        case .ok, .fallback, .degraded:
            return stream ? ServerSentEvents.answer(payload.json) : JSONResponse.make(json: payload.json)
        case .failed:
            throw APIError(.serviceUnavailable, "failed",
                           "every provider failed" + (record.failure.map { " (last: \($0.rawValue))" } ?? ""))
        case .dropped:
            throw APIError(.serviceUnavailable, "shutting_down", "the gateway is shutting down")
        }
    }
}

/// A call's answer as `POST /ai` gives it. `json` writes it as `JSONResponse.encoder` would
/// encode it, without going through the encoder.
struct CallPayload: Encodable {
    var id: UInt64
    var outcome: String
    var provider: String?
    var answer: String?
    var attempts: Int
    var latencyMs: Double
    var fault: String?

    init(_ record: CallRecord) {
        id = record.id
        outcome = record.outcome.rawValue
        provider = record.provider
        answer = record.answer
        attempts = record.attempts
        latencyMs = JSONResponse.milliseconds(record.latency)
        fault = record.fault
    }

    /// The answer as JSON: keys in snake case, sorted, and left out when `nil`.
    var json: ByteBuffer {
        var writer = JSONObjectWriter(capacity: 128 + (answer?.utf8.count ?? 0))
        writer.field("answer", answer)
        writer.field("attempts", attempts)
        writer.field("fault", fault)
        writer.field("id", id)
        writer.field("latency_ms", latencyMs)
        writer.field("outcome", outcome)
        writer.field("provider", provider)
        return writer.finish()
    }
}
