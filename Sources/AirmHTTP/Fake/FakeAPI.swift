import AirmSpec
import Foundation

/// One provider API the fake server imitates: its routes, auth, request and answer shapes.
///
/// An implementation must be pure: it reads a request and writes bytes, and the responder
/// around it does all timing and I/O.
protocol FakeAPI: Sendable {
    /// The first path segments this API answers under (`v1beta`, `v2`).
    var pathRoots: Set<String> { get }
    /// First path segments that only mount the API and are skipped (`hf-inference`).
    var mounts: Set<String> { get }
    /// What `segments` (after any provider name and mount) ask for, or `nil` when this API has
    /// no such route. `alt` is the `alt` query parameter.
    func route(_ segments: [String], alt: String?) -> FakeRoute.Match?
    /// Whether the request carries a header only this provider sends (`x-goog-api-key`,
    /// `anthropic-version`): what picks the API when several answer one path (`GET /v1/models`).
    func claims(headers: [String: String], query: [String: String]) -> Bool
    /// Whether the request carries a key where this provider looks for one.
    func hasKey(headers: [String: String], query: [String: String]) -> Bool
    /// Headers every answer of this provider carries (a request id).
    func answerHeaders() -> [(String, String)]
    /// The call the body asks for at `match`, or `nil` when the body is not this API's JSON.
    func parse(body: [UInt8], match: FakeRoute.Match) -> FakeCall?
    /// The complete non-streamed answer.
    func answer(_ call: FakeCall, tokens: [String]) -> JSONValue
    /// The embeddings answer: `vectors[i]` is the vector of `call.inputs[i]`. Only called for
    /// routes this API matches with `.embed`.
    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue
    /// The models list. Only called for routes this API matches with `.models`.
    func models() -> JSONValue
    /// The stream's events, in order; `isFinal` marks those a cut stream must not reach.
    func events(_ call: FakeCall, tokens: [String]) -> [FakeEvent]
    /// A safety block as a complete body and as stream events, when the provider has one.
    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])?
}

extension FakeAPI {
    var mounts: Set<String> { [] }

    func claims(headers: [String: String], query: [String: String]) -> Bool { false }

    func answerHeaders() -> [(String, String)] { [] }

    func embedding(_ call: FakeCall, vectors: [[Double]]) -> JSONValue { .null }

    func models() -> JSONValue { .null }

    func blocked(_ call: FakeCall) -> (body: JSONValue, events: [ServerSentEvent])? { nil }
}

/// What a fake route serves.
enum FakeOperation: Sendable, Equatable {
    /// A chat or text generation, streamed or whole (`POST`).
    case generate
    /// Embeddings of `FakeCall.inputs` (`POST`).
    case embed
    /// The models list (`GET`).
    case models
}

/// A parsed request to the fake.
struct FakeCall: Sendable {
    var model: String
    var prompt: String
    var maxTokens: Int?
    var stream: Bool
    /// OpenAI's `stream_options.include_usage`.
    var includeUsage = false
    var operation = FakeOperation.generate
    /// The texts to embed, in order (`.embed`).
    var inputs: [String] = []
    /// The vector length asked for (`dimensions`, `outputDimensionality`, `output_dimension`).
    var dimensions: Int?
    /// Whether the texts came as a list (Gemini's `batchEmbedContents`, HuggingFace's list `inputs`),
    /// so the answer is a list too.
    var batch = false
    /// Cohere's `embedding_types` the answer carries.
    var embeddingTypes = ["float"]
    /// OpenAI's `encoding_format: base64`: each vector as little-endian float32 bytes in base64.
    var base64 = false
    /// TGI's `parameters.details`: the answer is one object with `details`.
    var details = false
    /// Whether a HuggingFace call came in the OpenAI-compatible chat shape (`/models/{id}/v1/chat/completions`).
    var compatible = false

    /// A models-list request.
    static let modelsList = FakeCall(model: "", prompt: "", stream: false, operation: .models)
}

/// One event of a fake stream.
struct FakeEvent: Sendable {
    var event: ServerSentEvent
    var isToken: Bool
    var isFinal: Bool
}

/// The words the fake answers with.
enum FakeText {
    static let words = ["This", " is", " a", " simulated", " answer", " from", " the", " airm", " fake", " provider", "."]

    /// At most `maxTokens` words (at least one), the answer's tokens.
    static func tokens(maxTokens: Int?) -> [String] {
        Array(words.prefix(max(1, min(maxTokens ?? words.count, words.count))))
    }

    /// A message's text: a plain string, or the `text` of each part in an array of parts.
    static func content(_ value: JSONValue?) -> String {
        if let text = value?.string { return text }
        return (value?.array ?? []).compactMap { $0["text"]?.string }.joined()
    }

    static func promptTokens(_ prompt: String) -> Int { max(1, prompt.split(separator: " ").count) }

    /// Whether `max_tokens` cut the answer short: what makes a finish reason `length`.
    static func isCut(_ count: Int) -> Bool { count < words.count }
}

/// Reading `Authorization: Bearer KEY`.
enum FakeAuth {
    static func bearer(_ headers: [String: String]) -> String? {
        guard let value = headers["authorization"], value.lowercased().hasPrefix("bearer ") else { return nil }
        let key = value.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }
}

/// Request ids for the headers that carry one (`x-request-id`, `request-id`).
enum FakeRequestID {
    /// A fresh id: `req_` and 24 hexadecimal digits.
    static func make() -> String {
        "req_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24)
    }
}
