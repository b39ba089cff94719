import AirmSpec
import AsyncHTTPClient
import Foundation

/// Waits for the app to answer `ready.get` with 2xx (docs/app-mode.md "The app as a process").
public enum AppReadiness {
    public enum Outcome: Sendable, Equatable {
        case ready(after: TimeSpan)
        /// `within` passed; the last status or error seen, if any.
        case timedOut(last: String?)
        /// The process exited first, with this status.
        case exited(Int32)
        /// `giveUp` said to stop waiting (airm was interrupted).
        case abandoned
    }

    /// Polls `ready.url` every `interval` until 2xx, `ready.within`, or `exited()` gives a status.
    public static func wait(for ready: AppUnderTest.Ready, http: HTTPClient, interval: Duration = .milliseconds(100),
                            exited: @Sendable () -> Int32? = { nil },
                            giveUp: @Sendable () async -> Bool = { false }) async -> Outcome {
        let start = ContinuousClock.now
        let deadline = start + .nanoseconds(ready.within.nanoseconds)
        var last: String?
        while ContinuousClock.now < deadline {
            if let status = exited() { return .exited(status) }
            if await giveUp() { return .abandoned }
            do {
                var request = HTTPClientRequest(url: ready.url)
                request.method = .GET
                let remaining = deadline - ContinuousClock.now
                let response = try await http.execute(request, timeout: .milliseconds(max(1, min(Int64(remaining.components.seconds * 1000), 2000))))
                _ = try? await response.body.collect(upTo: 1 << 20)
                if (200..<300).contains(Int(response.status.code)) { return .ready(after: TimeSpan(ContinuousClock.now - start)) }
                last = "status \(response.status.code)"
            } catch {
                last = "\(error)"
            }
            if Task.isCancelled { break }
            try? await Task.sleep(for: interval)
        }
        if let status = exited() { return .exited(status) }
        return .timedOut(last: last)
    }
}
