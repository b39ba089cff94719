import AirmEngine
import AirmSpec
import Foundation

/// One request answered by `airm serve`, as the request log keeps it (docs/serve.md "Request log").
///
/// About 40 bytes on disk without bodies: the time in milliseconds, the provider's name, the
/// outcome, the attempt count, the latency in microseconds and the name of the fault that applied.
/// The prompt and answer are kept only when the gateway runs with `--log-bodies`.
public struct RequestRow: Sendable, Hashable, Codable {
    /// The row's id in the log, increasing with insertion; `nil` before it is written.
    public var id: Int64?
    /// When the request arrived, to the millisecond.
    public var at: Date
    /// The provider of the last attempt, when one was let through.
    public var provider: String?
    public var outcome: RequestOutcome
    /// Attempts let through by breakers, over every provider.
    public var attempts: Int
    /// From arrival to outcome, to the microsecond.
    public var latency: TimeSpan
    /// The name of the fault that applied to the last attempt, if any.
    public var fault: String?
    public var prompt: String?
    public var answer: String?

    public init(id: Int64? = nil, at: Date, provider: String?, outcome: RequestOutcome, attempts: Int,
                latency: TimeSpan, fault: String? = nil, prompt: String? = nil, answer: String? = nil) {
        self.id = id
        self.at = at
        self.provider = provider
        self.outcome = outcome
        self.attempts = attempts
        self.latency = latency
        self.fault = fault
        self.prompt = prompt
        self.answer = answer
    }

    /// The row without its prompt and answer, as it is logged without `--log-bodies`.
    public var withoutBodies: RequestRow {
        var row = self
        row.prompt = nil
        row.answer = nil
        return row
    }

    // MARK: - Stored form

    /// `at` as stored: milliseconds since 1970, saturating for times no clock gives (a query's `since`).
    static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        if milliseconds.isNaN { return 0 }
        if milliseconds >= 9.2e18 { return .max }
        if milliseconds <= -9.2e18 { return .min }
        return Int64(milliseconds)
    }

    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// `latency` as stored: whole microseconds.
    var latencyMicroseconds: Int64 { latency.nanoseconds / 1000 }
}
