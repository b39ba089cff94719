import AirmEngine
import AirmSpec

/// One breaker's states over the run, derived from its transitions.
///
/// The state before the first transition is `closed`; each transition ends the current
/// interval and starts one in its `to` state; the last interval runs to the end of the axis.
struct BreakerLane: Equatable {
    struct Interval: Equatable {
        var state: BreakerState
        var fromMs: Double
        var toMs: Double
    }

    var provider: String
    /// In `mode: app`, how this lane's transitions were observed (`inferred`, `prometheus`, `json`).
    var source: String?
    var intervals: [Interval]
    var transitions: [RunResult.Transition]

    /// The lane's label: the provider, and the source when there is one.
    var label: String { source.map { "\(provider) · \($0)" } ?? provider }

    // MARK: - Derivation

    init(provider: String, source: String? = nil, transitions all: [RunResult.Transition], endMs: Double) {
        self.provider = provider
        self.source = source
        let own = all.enumerated()
            .filter { $0.element.provider == provider && $0.element.observed == source }
            .sorted { ($0.element.atMs, $0.offset) < ($1.element.atMs, $1.offset) }
            .map(\.element)
        transitions = own
        var intervals: [Interval] = []
        var state = BreakerState.closed
        var since = 0.0
        for transition in own {
            let at = min(max(transition.atMs, 0), endMs)
            if at > since {
                intervals.append(Interval(state: state, fromMs: since, toMs: at))
            }
            state = transition.to
            since = at
        }
        if endMs > since || intervals.isEmpty {
            intervals.append(Interval(state: state, fromMs: since, toMs: max(endMs, since)))
        }
        self.intervals = intervals
    }

    /// The state in force at `ms`.
    func state(at ms: Double) -> BreakerState {
        var current = BreakerState.closed
        for transition in transitions where transition.atMs <= ms {
            current = transition.to
        }
        return current
    }

    /// The states in force at each of `times`, which should be ascending (one sweep over the transitions).
    func states(at times: [Double]) -> [BreakerState] {
        var result: [BreakerState] = []
        result.reserveCapacity(times.count)
        var index = 0
        var current = BreakerState.closed
        var previous = -Double.infinity
        for time in times {
            if time < previous {
                index = 0
                current = .closed
            }
            while index < transitions.count && transitions[index].atMs <= time {
                current = transitions[index].to
                index += 1
            }
            result.append(current)
            previous = time
        }
        return result
    }

    // MARK: - Ordering

    /// One lane per provider and, in `mode: app`, per source that observed it: the app's own
    /// reading beside the inference, so their disagreements show one above the other.
    static func lanes(_ result: RunResult, endMs: Double) -> [BreakerLane] {
        providerOrder(result).flatMap { provider -> [BreakerLane] in
            let sources = result.app?.sources ?? []
            guard !sources.isEmpty else { return [BreakerLane(provider: provider, transitions: result.transitions, endMs: endMs)] }
            return sources.map { BreakerLane(provider: provider, source: $0, transitions: result.transitions, endMs: endMs) }
        }
    }

    /// Every provider of the result (from its summaries and its transitions), in the order the
    /// experiment file first declares them (`name:` at the start of a line), then by name.
    static func providerOrder(_ result: RunResult) -> [String] {
        var names = Set(result.providers.keys)
        for transition in result.transitions { names.insert(transition.provider) }
        let lines = result.source.split(separator: "\n", omittingEmptySubsequences: false)
        func rank(_ name: String) -> Int {
            let key = name + ":"
            return lines.firstIndex { $0.drop(while: { $0 == " " }).hasPrefix(key) } ?? Int.max
        }
        let ranks = Dictionary(uniqueKeysWithValues: names.map { ($0, rank($0)) })
        return names.sorted { (ranks[$0] ?? .max, $0) < (ranks[$1] ?? .max, $1) }
    }

    /// The CSS class suffix of a state: `closed`, `open`, `half_open`, or `other` for manual states.
    static func stateClass(_ state: BreakerState) -> String {
        switch state {
        case .closed, .open, .halfOpen: state.rawValue
        case .forcedOpen, .disabled: "other"
        }
    }
}
