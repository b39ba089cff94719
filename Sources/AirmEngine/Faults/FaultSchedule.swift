import AirmSpec

/// Which faults apply to an attempt that starts at a given time on a given provider, and what
/// they do to it (DESIGN.md §4 "Faults").
///
/// - A fault applies to attempts that start while it is active ([start, end) from the
///   `Timeline`), on a targeted provider, with its probability, drawn from the fault's own
///   stream `"fault:<name>"` (a draw is taken only when the probability is below 100%).
/// - The first failing fault in file order decides the outcome; the delays of every applying
///   `latency` fault add to its time. Faults after the decider still draw their probability, so
///   each fault's stream advances the same way whatever the others do.
/// - `intermittent` fails during `down`, starting with `down`, then is healthy for `up`, repeating.
/// - `rate_limit` with `limit:` keeps a sliding quota per targeted provider; only calls over it
///   fail, with Retry-After the time until the quota admits a call. Without `limit:` every call
///   fails with Retry-After `retry_after`.
/// - `error` maps its status with `ErrorKind.forStatus` and sends no Retry-After.
/// - `stall` adds its gap (`for`) to answers the provider gives, not to injected ones.
/// - `delay:` on an injected answer is its time; on a deciding `corrupt` or `stream_cut` fault
///   it adds to the provider's own latency, so `delay:` always slows the failure it is given on.
public struct FaultSchedule: Sendable {
    struct Entry: Sendable {
        let fault: Int
        let start: Int64
        let end: Int64
        let kind: Fault.Kind
        let probability: Double
        let delay: TimeSpan
    }

    private var entries: [Entry] = []
    /// The `limit:` quota of each `rate_limit` entry, by entry index.
    private var quotas: [SlidingQuota?] = []
    /// Entry indices per provider, in file order.
    private var byProvider: [[Int]]
    private var generators: [SeededGenerator]

    /// Resolves the faults of `experiment` against `timeline`; faults whose window cannot be
    /// resolved never apply. Provider indices follow `experiment.providers`.
    public init(_ experiment: Experiment, timeline: Timeline, seed: UInt64? = nil) {
        let seed = seed ?? experiment.seed
        byProvider = Array(repeating: [], count: experiment.providers.count)
        generators = experiment.faults.map { SeededGenerator(seed: seed, stream: "fault:" + $0.name) }
        for (faultIndex, fault) in experiment.faults.enumerated() {
            guard let span = timeline.faults[fault.name], span.start < span.end else { continue }
            for (providerIndex, provider) in experiment.providers.enumerated() where fault.target.includes(provider.name) {
                var quota: SlidingQuota?
                if case .rateLimit(_, let limit?) = fault.kind { quota = SlidingQuota(rate: limit) }
                byProvider[providerIndex].append(entries.count)
                entries.append(Entry(fault: faultIndex, start: span.start.nanoseconds, end: span.end.nanoseconds,
                                     kind: fault.kind, probability: fault.probability.fraction,
                                     delay: fault.delay ?? .zero))
                quotas.append(quota)
            }
        }
    }

    /// Whether any fault targets `provider` at all.
    public func hasFaults(provider: Int) -> Bool { !byProvider[provider].isEmpty }

    /// The effect of the faults on an attempt starting at `now` on `provider`.
    public mutating func effect(provider: Int, at now: TimeSpan) -> FaultEffect {
        var effect = FaultEffect()
        guard provider < byProvider.count else { return effect }
        var stall: FaultEffect.Stall?
        let t = now.nanoseconds
        for index in byProvider[provider] {
            let entry = entries[index]
            guard entry.start <= t, t < entry.end else { continue }
            if entry.probability < 1, generators[entry.fault].nextUnit() >= entry.probability { continue }
            switch entry.kind {
            case .latency(let delay, let jitter):
                effect.addedDelay += jittered(delay, jitter, fault: entry.fault)
                continue
            case .stall(let after, let gap):
                stall = FaultEffect.Stall(after: min(after, stall?.after ?? after), gap: gap + (stall?.gap ?? .zero))
                continue
            default:
                break
            }
            guard effect.decidedBy == nil, let outcome = failure(of: index, at: now) else { continue }
            effect.outcome = outcome
            effect.decidedBy = entry.fault
            switch outcome {
            case .corrupt, .cut: effect.addedDelay += entry.delay  // a slow corrupt or cut answer
            case .passThrough, .answer, .hang: break
            }
        }
        switch effect.outcome {
        case .passThrough, .corrupt, .cut:  // a stall needs a real answer to stall
            effect.addedDelay += stall?.gap ?? .zero
            effect.stall = stall
        case .answer, .hang: break
        }
        return effect
    }

    // MARK: - Failing faults

    /// What a failing fault does at `now`, or `nil` when it lets this attempt pass
    /// (an `intermittent` fault while up, a `rate_limit` quota with room).
    private mutating func failure(of index: Int, at now: TimeSpan) -> FaultEffect.Outcome? {
        let entry = entries[index]
        switch entry.kind {
        case .error(let status):
            guard let kind = ErrorKind.forStatus(status) else { return nil }
            return .answer(kind, after: entry.delay, retryAfter: nil)
        case .timeout:
            return .hang
        case .unavailable:
            return .answer(.unavailable, after: entry.delay, retryAfter: nil)
        case .intermittent(let up, let down, let failure):
            let period = up.nanoseconds + down.nanoseconds
            guard period > 0, (now.nanoseconds - entry.start) % period < down.nanoseconds else { return nil }
            switch failure {
            case .error(let status):
                guard let kind = ErrorKind.forStatus(status) else { return nil }
                return .answer(kind, after: entry.delay, retryAfter: nil)
            case .timeout: return .hang
            case .unavailable: return .answer(.unavailable, after: entry.delay, retryAfter: nil)
            }
        case .rateLimit(let retryAfter, _):
            guard quotas[index] != nil else {
                return .answer(.rateLimited, after: entry.delay, retryAfter: retryAfter)
            }
            let wait = quotas[index]?.admit(at: now)
            return wait.map { .answer(.rateLimited, after: entry.delay, retryAfter: $0) }
        case .corrupt:
            return .corrupt
        case .streamCut(let cut):
            return .cut(cut)
        case .latency, .stall:
            return nil
        }
    }

    /// `delay` with a uniform jitter in [−jitter, +jitter], never below zero.
    private mutating func jittered(_ delay: TimeSpan, _ jitter: TimeSpan, fault: Int) -> TimeSpan {
        guard jitter > .zero else { return delay }
        let offset = (generators[fault].nextUnit() * 2 - 1) * Double(jitter.nanoseconds)
        return TimeSpan(nanoseconds: max(0, delay.nanoseconds + Int64(offset.rounded())))
    }
}
