/// Warns about faults, streams and windows that fall outside [0, duration], in plain
/// `Double` seconds so that no sum of times can overflow.
struct RangeCheck {
    let context: LoadContext
    let duration: Double
    private var spans: [String: (start: Double, end: Double)] = [:]
    private let faults: [Fault]

    init(context: LoadContext, duration: TimeSpan, faults: [Fault]) {
        self.context = context
        self.duration = duration.seconds
        self.faults = faults
        for fault in FaultOrder.dependenciesFirst(faults) where spans[fault.name] == nil {
            guard let start = time(fault.at) else { continue }
            let end: Double
            switch fault.end {
            case .for(let length): end = start + length.seconds
            case .runEnd: end = self.duration
            case .until(let reference):
                guard let until = time(reference) else { continue }
                end = until
            }
            spans[fault.name] = (start, max(start, end))
        }
    }

    func check(reader: ExperimentReader, assertions: [Assertion]) {
        let runEnd = TimeSpan.seconds(duration)
        for fault in faults {
            guard let span = spans[fault.name] else { continue }
            if span.start < 0 {
                context.warning("fault `\(fault.name)` starts \(text(-span.start)) before the run starts", at: fault.location)
            } else if span.start >= duration {
                context.warning("fault `\(fault.name)` starts at \(text(span.start)), after the run ends at \(runEnd)", at: fault.location,
                                hint: "it never applies; move `at` inside `duration`")
            } else if span.end > duration, fault.end != .runEnd {
                context.warning("fault `\(fault.name)` ends at \(text(span.end)), after the run ends at \(runEnd)", at: fault.location)
            }
        }
        for stream in reader.streamTimes {
            if let start = time(stream.start), start >= duration || start < 0 {
                context.warning("traffic stream starts at \(text(start)), outside the run (0s to \(runEnd))", at: stream.start.location ?? stream.location)
            }
        }
        for burst in reader.burstTimes {
            if let at = time(burst), at >= duration || at < 0 {
                context.warning("burst at \(text(at)) is outside the run (0s to \(runEnd))", at: burst.location ?? context.start)
            }
        }
        for assertion in assertions { check(assertion) }
    }

    private func check(_ assertion: Assertion) {
        switch assertion.window {
        case .range(let from, let to):
            guard let start = time(from), let end = time(to) else { return }
            if end < start {
                context.error("the window ends at \(text(end)), before it starts at \(text(start))", at: to.location ?? assertion.location)
            } else if start < 0 || end > duration + 1e-9 {
                context.warning("the window from \(text(start)) to \(text(end)) reaches outside the run (0s to \(text(duration)))",
                                at: (start < 0 ? from.location : to.location) ?? assertion.location)
            }
        case .after(let name):
            if let span = spans[name], span.end >= duration {
                context.warning("the window after `\(name)` is empty: the fault lasts to the end of the run", at: assertion.location)
            }
        case .before(let name):
            if let span = spans[name], span.start <= 0 {
                context.warning("the window before `\(name)` is empty: the fault starts with the run", at: assertion.location)
            }
        case .during, .run:
            break
        }
        if case .breaker(_, .transition(_, let after?, _)) = assertion.check, let at = time(after), at < 0 || at > duration {
            context.warning("`after` is at \(text(at)), outside the run (0s to \(text(duration)))", at: after.location ?? assertion.location)
        }
    }

    // MARK: - Resolution

    private func time(_ reference: TimeReference) -> Double? {
        let base: Double
        switch reference.anchor {
        case .runStart: base = 0
        case .runEnd: base = duration
        case .faultStart(let name): guard let span = spans[name] else { return nil }; base = span.start
        case .faultEnd(let name): guard let span = spans[name] else { return nil }; base = span.end
        }
        return base + reference.offset.seconds
    }

    private func text(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e9 else { return "\(seconds)s" }
        return TimeSpan.seconds(seconds).description
    }
}
