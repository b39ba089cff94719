import AirmEngine
import AirmSpec

/// The faults posted to a running fake server, applied on top of its behaviour.
///
/// Time is the server's (since it started), passed in, so the board itself is clock-free.
/// Probability draws come from a fixed-seed generator, so a given sequence of calls is
/// affected the same way on every run.
public actor FaultBoard {
    private struct Active {
        var spec: FaultSpec
        var until: TimeSpan?
    }

    private var active: [Active] = []
    private var random = SeededGenerator(seed: 1)

    public init() {}

    /// Adds a fault, active from `now` for its `for` duration (or until cleared).
    public func add(_ spec: FaultSpec, now: TimeSpan) {
        active.append(Active(spec: spec, until: spec.duration.map { now + $0 }))
    }

    /// Removes every fault; returns how many were active.
    @discardableResult
    public func clear() -> Int {
        defer { active = [] }
        return active.count
    }

    /// The faults still active at `now`.
    public func list(now: TimeSpan) -> [FaultSpec] {
        prune(now)
        return active.map(\.spec)
    }

    /// Applies the active faults to one call: the first failing fault in posting order
    /// replaces `base`; every applying `latency` fault adds its delay.
    public func apply(to base: FakeDecision, provider: String, now: TimeSpan) -> FakeDecision {
        prune(now)
        var decision = base
        var extra = TimeSpan.zero
        var failed = false
        for fault in active where fault.spec.targets?.contains(provider) ?? true {
            guard random.nextUnit() < fault.spec.probability else { continue }
            switch fault.spec.kind {
            case .latency(let delay, let jitter):
                extra += delay + jitter * random.nextUnit()
                continue
            default:
                guard !failed else { continue }
                failed = true
                decision = Self.decision(for: fault.spec, base: base)
            }
        }
        decision.delay += extra
        return decision
    }

    // MARK: - Helpers

    private func prune(_ now: TimeSpan) {
        active.removeAll { $0.until.map { $0 <= now } ?? false }
    }

    private static func decision(for spec: FaultSpec, base: FakeDecision) -> FakeDecision {
        let immediate = spec.delay ?? .zero
        switch spec.kind {
        case .latency: return base
        case .error(let status): return FakeDecision(.error(status: status, retryAfter: nil), delay: immediate)
        case .timeout: return FakeDecision(.hang)
        case .unavailable: return FakeDecision(.close, delay: immediate)
        case .rateLimit(let retryAfter): return FakeDecision(.error(status: 429, retryAfter: retryAfter), delay: immediate)
        case .corrupt(let how):
            return FakeDecision(.corrupt(how), delay: base.delay, tokenInterval: base.tokenInterval)
        case .streamCut(let tokens):
            return FakeDecision(.cutStream(afterTokens: tokens, reset: false), delay: base.delay,
                                tokenInterval: base.tokenInterval)
        }
    }
}
