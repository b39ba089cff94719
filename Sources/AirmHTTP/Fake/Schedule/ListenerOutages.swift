import AirmEngine
import AirmSpec

/// When a provider's fake closes its listener, so connections are truly refused: the windows
/// of the `unavailable` faults that target it with certainty and no `delay:`, merged where
/// they overlap or touch (docs/app-mode.md "The fakes").
///
/// An `unavailable` fault with a probability below 100% or a `delay:` cannot close a listener
/// for some calls only; the fake refuses those calls one by one (it closes their connection).
public enum ListenerOutages {
    public static func windows(_ plan: Plan, provider: String) -> [Timeline.Span] {
        var spans: [Timeline.Span] = []
        for (window, fault) in zip(plan.faults, plan.experiment.faults) {
            guard window.type == UnavailableFault.name, window.target.includes(provider),
                  fault.probability.fraction >= 1, (fault.delay ?? .zero) == .zero,
                  let span = window.span, span.start < span.end else { continue }
            spans.append(Timeline.Span(start: max(span.start, .zero), end: span.end))
        }
        spans.sort { $0.start < $1.start }
        var merged: [Timeline.Span] = []
        for span in spans {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }
}
