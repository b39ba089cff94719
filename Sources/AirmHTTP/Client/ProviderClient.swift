import AirmSpec

/// Sends one completion to one AI provider and says how it ended.
///
/// An implementation must:
/// - send exactly one HTTP exchange per call (no retries: retry is the policy's job);
/// - return within `timeout` (measured from the call), giving `.failure(.timeout, …)` when it fires;
/// - never throw or trap: every transport error, error status and unusable body becomes a
///   `.failure` with its kind (docs/semantics.md "Attempt outcomes");
/// - for streams, check that the provider's final event arrived and classify a stream without
///   it as `.connection`, and record the time to the first generated token.
public protocol ProviderClient: Sendable {
    func complete(_ request: CompletionRequest, timeout: TimeSpan) async -> CompletionOutcome
}

/// What the policy asks a provider for.
public struct CompletionRequest: Sendable, Hashable {
    public var prompt: String
    public var maxTokens: Int?
    public var stream: Bool

    public init(prompt: String, maxTokens: Int? = nil, stream: Bool = false) {
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.stream = stream
    }
}

/// How one attempt on a provider ended.
public enum CompletionOutcome: Sendable, Equatable {
    /// `ttft` is the time from the call to the first generated token for streams, and to the
    /// complete answer otherwise. `tokens` is the provider's output-token count when it gives
    /// one, else the number of streamed text chunks, else 0.
    case success(text: String, ttft: TimeSpan, tokens: Int)
    /// `status` is the HTTP status when one was received; `retryAfter` comes from
    /// `retry-after-ms`, `Retry-After` or Gemini's `RetryInfo.retryDelay`.
    case failure(ErrorKind, retryAfter: TimeSpan?, status: Int?, message: String)

    public var errorKind: ErrorKind? {
        if case .failure(let kind, _, _, _) = self { return kind }
        return nil
    }

    public var text: String? {
        if case .success(let text, _, _) = self { return text }
        return nil
    }

    static func failure(_ kind: ErrorKind, _ message: String, status: Int? = nil) -> CompletionOutcome {
        .failure(kind, retryAfter: nil, status: status, message: message)
    }
}

/// A completion parsed from a body or a stream, before timing is attached.
public struct ParsedAnswer: Sendable, Equatable {
    public var text: String
    public var tokens: Int

    /// A token count as the provider reported it, kept within 0...Int32.max so sums cannot overflow.
    public init(text: String, tokens: Int) {
        self.text = text
        self.tokens = min(max(0, tokens), Int(Int32.max))
    }
}
