import AirmSpec

/// The outcome of one check: whether it held, and what was expected and observed, in words.
struct Judgement: Sendable, Hashable {
    var passed: Bool
    var expected: String
    var observed: String
    var message: String
    /// True when more of the run could not change the verdict (a `never` already broken, an
    /// `opens within` that already opened): it stands even for a run stopped before its window
    /// ended (docs/semantics.md "Runs that stop early").
    var isFinal = false
}

/// What a breaker check is judged against: the breaker's history over a resolved window.
struct BreakerContext: Sendable {
    var provider: String
    var history: BreakerHistory
    var window: EvaluationWindow
    /// Resolves the time references a check names (`after: gemini-outage.start`).
    var timeline: Timeline
    /// Transitions are known up to here: the run's end, or where it stopped (or stands, mid-run).
    var observedUntil: TimeSpan = .max
}

/// One kind of breaker check (docs/semantics.md "Breaker assertions").
///
/// An implementation handles the `BreakerCheck` cases of its kind and returns `nil` for the others:
/// it names a check for its default assertion name, and judges it against a breaker's history.
protocol BreakerRule: Sendable {
    /// The default name, without window: "gemini opens within 5s after gemini-outage.start".
    func name(of check: BreakerCheck, provider: String) -> String?
    func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement?
}

/// Every breaker check kind. A new kind is one file plus one line here.
enum BreakerRules {
    static let all: [any BreakerRule] = [
        TransitionRule(),
        NeverRule(),
        SequenceRule(),
        MaxOpensRule(),
        MaxTimeOpenRule(),
        EndsRule(),
    ]

    static func name(of check: BreakerCheck, provider: String) -> String {
        for rule in all { if let name = rule.name(of: check, provider: provider) { return name } }
        return "\(provider) \(check.key)"
    }

    static func judge(_ check: BreakerCheck, in context: BreakerContext) -> Judgement {
        for rule in all { if let judgement = rule.judge(check, in: context) { return judgement } }
        return Judgement(passed: false, expected: check.key, observed: "not evaluated",
                         message: "\(check.key) has no evaluator")
    }
}

/// How a breaker state reads in names and messages.
struct StateWords: Sendable {
    var state: BreakerState

    /// "opens", "half-opens", "closes", "is forced open", "is disabled".
    var enters: String {
        switch state {
        case .open: "opens"
        case .halfOpen: "half-opens"
        case .closed: "closes"
        case .forcedOpen: "is forced open"
        case .disabled: "is disabled"
        }
    }

    /// "open", "half-open", "close", "become forced_open": after "did not".
    var enter: String {
        switch state {
        case .open: "open"
        case .halfOpen: "half-open"
        case .closed: "close"
        case .forcedOpen, .disabled: "become \(state.rawValue)"
        }
    }

    /// "opened", "half-opened", "closed", "was forced open", "was disabled".
    var entered: String {
        switch state {
        case .open: "opened"
        case .halfOpen: "half-opened"
        case .closed: "closed"
        case .forcedOpen: "was forced open"
        case .disabled: "was disabled"
        }
    }

    /// "never opens", "is never half_open".
    var neverEnters: String {
        switch state {
        case .open: "never opens"
        case .closed: "never closes"
        default: "is never \(state.rawValue)"
        }
    }

    /// "never opened", "was never half_open".
    var neverEntered: String {
        switch state {
        case .open: "never opened"
        case .closed: "never closed"
        default: "was never \(state.rawValue)"
        }
    }
}
