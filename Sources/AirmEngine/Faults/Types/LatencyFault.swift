import AirmSpec

/// `latency`: every applying fault adds `delay`, with a uniform jitter in [−jitter, +jitter]
/// (never below zero), to the attempt, whatever decides its outcome.
public struct LatencyFault: FaultBehavior, Hashable {
    public var delay: TimeSpan
    public var jitter: TimeSpan

    public init(delay: TimeSpan, jitter: TimeSpan = .zero) {
        self.delay = delay
        self.jitter = jitter
    }

    // MARK: - File format

    public static let name = "latency"
    public static let keys = ["delay", "jitter"]
    public static let schema = FaultSchema([("delay", FaultSchema.duration), ("jitter", FaultSchema.duration)], required: ["delay"])

    public static func parse(_ input: FaultInput) -> LatencyFault? {
        guard input.require("delay", hint: "e.g. `delay: 2s`"), let delay = input.duration("delay") else { return nil }
        let jitter = input.has("jitter") ? input.duration("jitter", allowZero: true) : .zero
        return jitter.map { LatencyFault(delay: delay, jitter: $0) }
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        guard jitter > .zero else {
            effect.addedDelay += delay
            return
        }
        let offset = (random.nextUnit() * 2 - 1) * Double(jitter.nanoseconds)
        effect.addedDelay += TimeSpan(nanoseconds: max(0, delay.nanoseconds + Int64(offset.rounded())))
    }
}

extension FaultType where Self == LatencyFault {
    public static func latency(delay: TimeSpan, jitter: TimeSpan = .zero) -> LatencyFault { LatencyFault(delay: delay, jitter: jitter) }
}
