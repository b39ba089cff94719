import AirmSpec

/// An assertion's window resolved to absolute times, with the phrase that names it in messages.
struct EvaluationWindow: Sendable {
    /// The nominal span, [start, end).
    var span: Timeline.Span
    /// "during gemini-outage", "from 30s to 1m"; `nil` for the whole run.
    var phrase: String?
    /// True when the window reaches the run's `duration`: it then also covers the run's drain, so
    /// samples and transitions after `duration` count in it.
    var reachesEnd: Bool
    /// When the run was over: `duration`, or later when requests in flight finished after it.
    var runEnd: TimeSpan

    init(span: Timeline.Span, phrase: String?, duration: TimeSpan, runEnd: TimeSpan) {
        self.span = span
        self.phrase = phrase
        self.reachesEnd = span.end >= duration
        self.runEnd = runEnd
    }

    /// Resolves an assertion's window; the failure is a readable reason.
    static func resolve(_ window: Window, timeline: Timeline, runEnd: TimeSpan) -> Result<EvaluationWindow, Reason> {
        guard let span = timeline.span(of: window) else {
            return .failure(Reason(text: "window \(window) could not be resolved: it names an unknown fault"))
        }
        let phrase: String? = window == .run ? nil : window.description
        return .success(EvaluationWindow(span: span, phrase: phrase, duration: timeline.duration, runEnd: runEnd))
    }

    /// A reason an assertion could not be evaluated.
    struct Reason: Error, Sendable {
        var text: String
    }

    // MARK: - Membership

    /// Whether a transition at `time` falls in the window.
    func contains(_ time: TimeSpan) -> Bool {
        time >= span.start && (reachesEnd || time < span.end)
    }

    /// Where time spent in a state stops counting: the window's end, or the run's end when later.
    var accountingEnd: TimeSpan { reachesEnd ? max(span.end, runEnd) : span.end }

    /// " during gemini-outage", or "" for the whole run: appended to names and messages.
    var suffix: String { phrase.map { " " + $0 } ?? "" }

    /// Whether everything in the window is known when the record reaches `known`: it ends before
    /// the run's duration, and by then.
    func isComplete(by known: TimeSpan) -> Bool { !reachesEnd && span.end <= known }

    /// The window's length in seconds, for per-second metrics.
    var seconds: Double { max((span.end - max(span.start, .zero)).seconds, 0) }
}
