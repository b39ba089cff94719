/// Resolves time references, fault windows and assertion windows of an experiment to absolute
/// offsets from the run's start. Pure: the same experiment always resolves the same way.
public struct Timeline: Sendable {
    /// A resolved fault window, [start, end).
    public struct Span: Sendable, Hashable {
        public var start: TimeSpan
        public var end: TimeSpan
        public init(start: TimeSpan, end: TimeSpan) {
            self.start = start
            self.end = end
        }
        public func contains(_ t: TimeSpan) -> Bool { start <= t && t < end }
    }

    public let duration: TimeSpan
    /// Fault windows by fault name; a fault whose references cannot be resolved is absent.
    public private(set) var faults: [String: Span] = [:]

    public init(_ experiment: Experiment) {
        duration = experiment.duration
        for fault in FaultOrder.dependenciesFirst(experiment.faults) where faults[fault.name] == nil {
            guard let start = time(of: fault.at) else { continue }
            let end: TimeSpan
            switch fault.end {
            case .for(let length): end = start + length
            case .runEnd: end = duration
            case .until(let reference):
                guard let until = time(of: reference) else { continue }
                end = until
            }
            faults[fault.name] = Span(start: start, end: max(start, end))
        }
    }

    /// The absolute time of a reference, or `nil` when it names an unknown or cyclic fault.
    public func time(of reference: TimeReference) -> TimeSpan? {
        let base: TimeSpan
        switch reference.anchor {
        case .runStart: base = .zero
        case .runEnd: base = duration
        case .faultStart(let name):
            guard let span = faults[name] else { return nil }
            base = span.start
        case .faultEnd(let name):
            guard let span = faults[name] else { return nil }
            base = span.end
        }
        return base + reference.offset
    }

    /// The span of a window, or `nil` when it names an unknown fault.
    public func span(of window: Window) -> Span? {
        switch window {
        case .run: return Span(start: .zero, end: duration)
        case .during(let name): return faults[name]
        case .before(let name): return faults[name].map { Span(start: .zero, end: $0.start) }
        case .after(let name): return faults[name].map { Span(start: $0.end, end: duration) }
        case .range(let from, let to):
            guard let start = time(of: from), let end = time(of: to) else { return nil }
            return Span(start: start, end: end)
        }
    }
}
