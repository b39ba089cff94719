/// Something that must hold after the run: a breaker check or an `expect` expression.
public struct Assertion: Sendable {
    public enum Check: Sendable, Hashable {
        case breaker(provider: String, BreakerCheck)
        case expect(Expectation)
    }

    /// Free text; `nil` means the default name generated from the check (docs/semantics.md).
    public var name: String?
    public var check: Check
    public var window: Window = .run
    public var location: SourceLocation
    /// `abort_on_fail`: once this assertion can no longer hold, arrivals stop and the run ends
    /// failed (docs/semantics.md "Runs that stop early").
    public var abortOnFail: Bool

    public init(name: String? = nil, check: Check, window: Window = .run,
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1), abortOnFail: Bool = false) {
        self.name = name
        self.check = check
        self.window = window
        self.location = location
        self.abortOnFail = abortOnFail
    }
}

/// The breaker checks of docs/semantics.md "Breaker assertions".
public enum BreakerCheck: Sendable, Hashable {
    /// `opens`, `half_opens`, `closes`: the transition into `state` happens in
    /// [after, after + within]; with `after == nil` (`true`), at least once in the window.
    case transition(to: BreakerState, after: TimeReference?, within: TimeSpan?)
    case never(BreakerState)
    case sequence([BreakerState])
    case maxOpens(Int)
    case maxTimeOpen(TimeSpan)
    case ends(BreakerState)

    /// The YAML key: `opens`, `half_opens`, `closes`, `never`, `sequence`, `max_opens`, `max_time_open`, `ends`.
    public var key: String {
        switch self {
        case .transition(let state, _, _):
            switch state {
            case .open, .forcedOpen: "opens"
            case .halfOpen: "half_opens"
            case .closed, .disabled: "closes"
            }
        case .never: "never"
        case .sequence: "sequence"
        case .maxOpens: "max_opens"
        case .maxTimeOpen: "max_time_open"
        case .ends: "ends"
        }
    }

    /// Every check's key, in the order of the catalog `BreakerChecks.all`.
    public static var keys: [String] { BreakerChecks.all.map(\.key) }
}

/// `steady_state`: expectations checked before the first fault and again after recovery.
public struct SteadyState: Sendable {
    /// The after-window starts this long after the last fault ends.
    public var settle: TimeSpan
    public var expect: [Expectation]
    public var location: SourceLocation

    public init(settle: TimeSpan = .zero, expect: [Expectation],
                location: SourceLocation = SourceLocation(file: "<memory>", line: 1, column: 1)) {
        self.settle = settle
        self.expect = expect
        self.location = location
    }
}
