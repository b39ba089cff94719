import AirmSpec

/// Infers an application's breaker on one provider from the provider's side alone: the calls
/// its fake received, and the requests the app received meanwhile (docs/app-mode.md "Breakers
/// inferred from the provider side").
///
/// The rule, over the provider's calls in time order:
/// - **open**: the calls stop for at least `quiet` while at least `minimumTraffic` requests
///   reach the app, and the last call before the silence failed, or a listener outage
///   (`outages`, where connections are refused and never reach the fake) began within `quiet`
///   after it. The breaker opened when that failing call ended, or when the outage began.
/// - **half-open probe**: while open, a call with no other call within `quiet` after it:
///   `half_open` when it starts, `open` again when it ends.
/// - **closed**: while open, a call followed by another within `quiet`: the flow resumed,
///   `half_open` when the first call starts and `closed` when it ends.
///
/// Silences after successful calls are routing, not a breaker (a fallback provider that is no
/// longer needed), and are not read as `open`.
public enum BreakerInference {
    public struct Settings: Sendable, Hashable {
        /// The shortest silence read as a stop.
        public var quiet: TimeSpan
        /// Requests the app must receive during a silence for it to count.
        public var minimumTraffic: Int

        public init(quiet: TimeSpan, minimumTraffic: Int = 2) {
            self.quiet = quiet
            self.minimumTraffic = minimumTraffic
        }

        /// `quiet` for a plan: four mean gaps between the app's requests, at least 500 ms.
        public static func `for`(_ plan: Plan) -> Settings {
            let requests = plan.expectedRequests.count
            let mean = requests > 0 ? plan.duration.nanoseconds / Int64(max(1, requests.rounded())) : plan.duration.nanoseconds
            return Settings(quiet: max(.milliseconds(500), TimeSpan(nanoseconds: 4 * mean)))
        }
    }

    /// The inferred transitions of `provider`'s breaker.
    ///
    /// - Parameters:
    ///   - calls: that provider's calls, in arrival order.
    ///   - requests: when the app received each request, in order.
    ///   - outages: when the provider's listener was closed.
    ///   - end: the end of the run; a silence runs to it when no call follows.
    public static func transitions(provider: String, calls: [ProviderCall], requests: [TimeSpan], outages: [Timeline.Span] = [],
                                   end: TimeSpan, settings: Settings) -> [TransitionRecord] {
        var records: [TransitionRecord] = []
        var open = false
        let quiet = settings.quiet
        for (index, call) in calls.enumerated() {
            let next = index + 1 < calls.count ? calls[index + 1].at : nil
            if open {
                open = false
                let silence = (next ?? end) - call.at
                records.append(TransitionRecord(provider: provider, at: call.at, from: .open, to: .halfOpen,
                                                reason: "inferred: a call after the silence"))
                if next != nil, silence < quiet {
                    records.append(TransitionRecord(provider: provider, at: call.endedAt, from: .halfOpen, to: .closed,
                                                    reason: "inferred: the calls resumed"))
                } else {
                    records.append(TransitionRecord(provider: provider, at: call.endedAt, from: .halfOpen, to: .open,
                                                    reason: "inferred: an isolated call, then silence again"))
                    open = true
                    continue
                }
            }
            let resume = next ?? end
            guard resume - call.at >= quiet else { continue }
            let outage = outages.first { $0.start >= call.at && $0.start < call.at + quiet }
            guard call.failed || outage != nil else { continue }
            let openedAt = outage.map { max($0.start, call.at) } ?? call.endedAt
            let traffic = count(requests, from: openedAt, to: resume)
            guard traffic >= settings.minimumTraffic else { continue }
            let silence = Double(((resume - openedAt).milliseconds / 100).rounded()) / 10
            let cause = outage != nil ? "connections refused, then no call" : "no call"
            records.append(TransitionRecord(provider: provider, at: openedAt, from: .closed, to: .open,
                                            reason: "inferred: \(cause) for \(silence) s while \(traffic) requests reached the app"))
            open = true
        }
        return records
    }

    /// How many of the sorted `times` fall in [from, to).
    static func count(_ times: [TimeSpan], from: TimeSpan, to: TimeSpan) -> Int {
        lowerBound(times, to) - lowerBound(times, from)
    }

    private static func lowerBound(_ times: [TimeSpan], _ value: TimeSpan) -> Int {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
