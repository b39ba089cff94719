import AirmSpec

/// `stall`: the provider's answer pauses for `pause`, `after` into it. Injected answers are not
/// stalled. `for:` is the fault's window, as for every type.
public struct StallFault: FaultBehavior, Hashable {
    public var after: TimeSpan
    public var pause: TimeSpan

    public init(after: TimeSpan = .zero, pause: TimeSpan) {
        self.after = after
        self.pause = pause
    }

    // MARK: - File format

    public static let name = "stall"
    public static let keys = ["after", "pause"]
    public static let schema = FaultSchema([("after", FaultSchema.duration), ("pause", FaultSchema.duration)], required: ["pause"])

    public static func parse(_ input: FaultInput) -> StallFault? {
        if input.has("for"), !input.has("pause") {
            let length = input.text("for") ?? "5s"
            input.error("a stall's length is `pause`; `for` is the fault's window", at: "for",
                        hint: "write `pause: \(length)`, and `for:` or `until:` only to end the window")
            return nil
        }
        guard input.require("pause", hint: "how long the answer stalls, e.g. `pause: 5s`"), let pause = input.duration("pause") else { return nil }
        let after = input.has("after") ? input.duration("after", allowZero: true) : .zero
        return after.map { StallFault(after: $0, pause: pause) }
    }

    // MARK: - Effect

    public mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator) {
        effect.addStall(after: after, gap: pause)
    }
}

extension FaultType where Self == StallFault {
    public static func stall(after: TimeSpan, pause: TimeSpan) -> StallFault { StallFault(after: after, pause: pause) }
}
