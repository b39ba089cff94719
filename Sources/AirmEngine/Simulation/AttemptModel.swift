import AirmSpec

/// How a simulated attempt ends: the fault effect, the provider's answer and the attempt's
/// time limit combined (docs/experiment-format.md "faults").
public enum AttemptModel {
    /// A resolved attempt: how long it takes from its start, and how it ends.
    public struct End: Sendable, Hashable {
        public var duration: TimeSpan
        public var result: AttemptResult
        public var retryAfter: TimeSpan?

        public init(duration: TimeSpan, result: AttemptResult, retryAfter: TimeSpan? = nil) {
            self.duration = duration
            self.result = result
            self.retryAfter = retryAfter
        }
    }

    /// Stands in for `max_tokens` when estimating an `after_tokens` cut and the request gives none.
    public static let assumedMaxTokens = 256

    /// Resolves an attempt started at `now` with time limit `limit` (the attempt timeout, or less
    /// when the request's deadline is nearer).
    ///
    /// - Injected answers (`error`, `unavailable`, `rate_limit`, `reset` before the answer) send
    ///   no call: they take the fault's delay. `timeout` never answers.
    /// - Otherwise the provider answers; `corrupt` turns a success into `corrupt`, and
    ///   `stream_cut` (or `reset` after a time or tokens) ends it as `connection` at the earlier
    ///   of the cut and the provider's latency. `after_tokens: n` is approximated as the share n / max_tokens of the latency,
    ///   with max_tokens 256 when the request sets none. A provider error stands as it is.
    /// - Added delays (`latency`, `stall`) come on top.
    /// - An attempt that would take `limit` or longer ends at `limit` as `timeout`.
    /// - A success that took longer than `slowOver` is marked slow.
    public static func resolve(_ effect: FaultEffect, provider: inout SimulatedProvider, at now: TimeSpan,
                               limit: TimeSpan, slowOver: TimeSpan?, maxTokens: Int?) -> End {
        var duration: Int64
        var error: ErrorKind?
        var retryAfter: TimeSpan?
        switch effect.outcome {
        case .hang:
            return End(duration: limit, result: .failure(.timeout))
        case .answer(let kind, let after, let wait):
            duration = after.nanoseconds
            error = kind
            retryAfter = wait
        case .passThrough, .corrupt, .cut:
            let answer = provider.call(at: now)
            duration = answer.latency.nanoseconds
            error = answer.error
            retryAfter = answer.retryAfter
            if error == nil {
                if case .corrupt = effect.outcome { error = .corrupt }
                if case .cut(let cut) = effect.outcome {
                    error = .connection
                    duration = min(duration, cutTime(cut, latency: duration, maxTokens: maxTokens))
                }
            }
        }
        duration += effect.addedDelay.nanoseconds
        guard duration < limit.nanoseconds else { return End(duration: limit, result: .failure(.timeout)) }
        let span = TimeSpan(nanoseconds: duration)
        if let error { return End(duration: span, result: .failure(error), retryAfter: retryAfter) }
        return End(duration: span, result: .success(slow: slowOver.map { span > $0 } ?? false))
    }

    private static func cutTime(_ cut: Fault.StreamCut, latency: Int64, maxTokens: Int?) -> Int64 {
        switch cut {
        case .afterTime(let after):
            return max(0, after.nanoseconds)
        case .afterTokens(let tokens):
            let total = Double(max(1, maxTokens ?? assumedMaxTokens))
            return Int64((Double(latency) * min(1, Double(max(0, tokens)) / total)).rounded())
        }
    }
}
