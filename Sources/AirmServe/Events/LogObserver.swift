import Foundation
import Logging

/// Writes the gateway's rare events to its structured log: breaker transitions, faults started
/// and stopped, operator actions. Calls are left to the access log and the request log.
///
/// Each line carries `unix_ms`, the wall-clock time of the event, so the log is the gateway's
/// own record of its breakers (docs/serve.md "Logs"), e.g. to compare with what an outside
/// observer saw.
struct LogObserver: ServeObserver {
    let logger: Logger

    func observe(_ event: ServeEvent) {
        let unixMs = "\(Int64((event.date.timeIntervalSince1970 * 1000).rounded()))"
        switch event.kind {
        case .transition(let transition):
            logger.info("breaker", metadata: ["provider": "\(transition.provider)", "from": "\(transition.from.rawValue)",
                                              "to": "\(transition.to.rawValue)", "reason": "\(transition.reason)",
                                              "unix_ms": "\(unixMs)"])
        case .breakerAction(let provider, let action, _):
            logger.notice("breaker action", metadata: ["provider": "\(provider)", "action": "\(action.rawValue)", "unix_ms": "\(unixMs)"])
        case .faultStarted(let fault):
            logger.info("fault started", metadata: ["name": "\(fault.name)", "type": "\(fault.type)", "unix_ms": "\(unixMs)"])
        case .faultStopped(let fault, let early):
            logger.info(early ? "fault stopped" : "fault ended", metadata: ["name": "\(fault.name)", "unix_ms": "\(unixMs)"])
        case .call, .attempt, .rejection, .automationStarted, .automationStopped:
            return
        }
    }
}
