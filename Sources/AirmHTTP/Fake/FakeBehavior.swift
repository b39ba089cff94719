import AirmEngine
import AirmSpec

/// Decides how the fake server answers one call.
///
/// An implementation must return promptly (the delay it wants goes in the decision, not in
/// `decide`) and may keep state across calls, e.g. a simulated provider model or a fault
/// schedule. `provider` is the route's provider name: the path prefix when the request used
/// one (`/gemini-eu/v1beta/…`), otherwise the API type (`gemini`, `cohere`, `huggingface`,
/// `openai`, `anthropic`). `at` is the time since the server started.
public protocol FakeBehavior: Sendable {
    func decide(provider: String, at: TimeSpan) async -> FakeDecision
}

/// How the fake answers one call.
public struct FakeDecision: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// A normal answer.
        case answer
        /// The provider's native error body for `status`, with `Retry-After` when given.
        case error(status: Int, retryAfter: TimeSpan?)
        /// HuggingFace's 503 "currently loading" (other providers: their native 503).
        case coldStart(estimatedTime: TimeSpan)
        /// Never answers; waits until the client gives up or the server stops.
        case hang
        /// Closes the connection without answering.
        case close
        /// A stream that stops after this many tokens, before its final event. With
        /// `reset`, the connection is closed mid-response instead of ending the body cleanly.
        case cutStream(afterTokens: Int, reset: Bool)
        /// A stream that stops after a time or a number of tokens, before its final event, and
        /// ends there as `ending` says: part of the next event then a closed connection
        /// (`truncated`), a cleanly ended body (`clean`), or a TCP reset (`reset`).
        case cut(Fault.StreamCut, ending: Fault.StreamEnding)
        /// Resets the connection (TCP RST) without answering.
        case reset
        /// The real answer, corrupted (streams: every event's data).
        case corrupt(Fault.Corruption)
        /// A safety block in the provider's own form: Gemini `promptFeedback.blockReason`,
        /// OpenAI `finish_reason: content_filter`, Anthropic `stop_reason: refusal`; Cohere and
        /// HuggingFace, which have no such answer, send their native 400.
        case blocked
    }

    public var action: Action
    /// Time before the response head is sent (for streams, before the first event).
    public var delay: TimeSpan
    /// Time between stream events.
    public var tokenInterval: TimeSpan
    /// A pause in the answer: a stream stops `after` into it for `gap`; a whole answer comes
    /// `gap` later.
    public var stall: FaultEffect.Stall?

    public init(_ action: Action, delay: TimeSpan = .zero, tokenInterval: TimeSpan = .zero, stall: FaultEffect.Stall? = nil) {
        self.action = action
        self.delay = delay
        self.tokenInterval = tokenInterval
        self.stall = stall
    }

    public static func answer(after delay: TimeSpan = .zero) -> FakeDecision { FakeDecision(.answer, delay: delay) }
}
