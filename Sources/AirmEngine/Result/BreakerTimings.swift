import Foundation
import AirmSpec

/// How quickly breakers reacted to each fault: the history's time-to-open and time-to-close.
///
/// Only transitions of providers the fault targets count (`*` targets every provider).
public enum BreakerTimings {
    /// Per fault, in order: from its start to the first transition to `open` at or after it; nil when none.
    public static func timeToOpen(_ result: RunResult) -> [Double?] {
        result.faults.map { fault in
            firstTransition(to: .open, atOrAfter: fault.startMs, for: fault, in: result.transitions)
                .map { $0.atMs - fault.startMs }
        }
    }

    /// Per fault, in order: from its end to the first transition to `closed` at or after it; nil when none.
    public static func timeToClose(_ result: RunResult) -> [Double?] {
        result.faults.map { fault in
            firstTransition(to: .closed, atOrAfter: fault.endMs, for: fault, in: result.transitions)
                .map { $0.atMs - fault.endMs }
        }
    }

    // MARK: - Matching

    private static func firstTransition(to state: BreakerState, atOrAfter time: Double, for fault: RunResult.FaultWindow,
                                        in transitions: [RunResult.Transition]) -> RunResult.Transition? {
        let targets = Set(fault.target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return transitions
            .filter { $0.to == state && $0.atMs >= time && (fault.target == "*" || targets.contains($0.provider)) }
            .min { $0.atMs < $1.atMs }
    }
}
