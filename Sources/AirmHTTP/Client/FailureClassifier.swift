import AirmSpec
import Foundation

/// Maps error statuses and retry hints to the error kinds of docs/semantics.md "Attempt outcomes". Pure.
public enum FailureClassifier {
    /// The kind for an error status, before any provider-specific refinement.
    ///
    /// Context-length errors need no refinement: every provider sends them as 400 (or 422).
    public static func kind(forStatus status: Int) -> ErrorKind {
        ErrorKind.forStatus(status) ?? .corrupt
    }

    /// The retry hint in `retry-after-ms` (milliseconds) or `Retry-After` (seconds), if any.
    ///
    /// An HTTP-date `Retry-After` is not read: it would need the wall clock, and no provider
    /// in the reference sends one.
    public static func retryAfter(headers: WireHeaders) -> TimeSpan? {
        if let text = headers["retry-after-ms"], let ms = Double(text.trimmingCharacters(in: .whitespaces)),
           let hint = retryHint(ms, nanosecondsPerUnit: 1e6) {
            return hint
        }
        if let text = headers["retry-after"], let seconds = Double(text.trimmingCharacters(in: .whitespaces)) {
            return retryHint(seconds: seconds)
        }
        return nil
    }

    /// A protobuf JSON duration such as `"47s"` or `"0.250s"`.
    public static func protobufDuration(_ text: String) -> TimeSpan? {
        guard text.hasSuffix("s"), let seconds = Double(text.dropLast()) else { return nil }
        return retryHint(seconds: seconds)
    }

    /// A retry hint of `seconds` as a provider sent it: none when negative or not a number,
    /// and at most `RetryPolicy.retryAfterCap` (docs/experiment-format.md, `retry_after`),
    /// so no value a server sends can overflow a `TimeSpan`.
    public static func retryHint(seconds: Double) -> TimeSpan? {
        retryHint(seconds, nanosecondsPerUnit: 1e9)
    }

    private static func retryHint(_ value: Double, nanosecondsPerUnit: Double) -> TimeSpan? {
        guard !value.isNaN, value >= 0 else { return nil }
        return min(TimeSpan(saturating: value * nanosecondsPerUnit), RetryPolicy.retryAfterCap)
    }

    /// The failure for an error status whose body could not be read as the provider's error shape.
    public static func unreadable(status: Int, headers: WireHeaders, body: [UInt8]) -> WireFailure {
        let snippet = String(decoding: body.prefix(200), as: UTF8.self)
        return WireFailure(kind(forStatus: status), "HTTP \(status)" + (snippet.isEmpty ? "" : ": \(snippet)"),
                           status: status, retryAfter: retryAfter(headers: headers))
    }
}
