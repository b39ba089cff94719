import AirmHTTP
import Dispatch
import Foundation
import Synchronization

/// A run a signal can stop: it stops arrivals, lets requests in flight finish and ends `interrupted`.
protocol StoppableRun: Actor {
    /// `reason` says why, in the result ("interrupted by SIGINT").
    func stop(reason: String)
}

extension LiveRun: StoppableRun {}
extension AppRun: StoppableRun {}

/// Catches SIGINT and SIGTERM for the length of the live runs, and stops the run in progress.
///
/// While installed, the signals' default action (ending the process) is replaced, so a run
/// can stop arrivals, drain and write its reports; `uninstall()` restores it. The handler is in
/// place when `init` returns: a signal from then on is never lost (`SignalPipe`).
final class InterruptSignals: @unchecked Sendable {
    // @unchecked Sendable: the shared state lives in the `Flag` actor.
    let flag = Flag()

    /// Whether a signal came, and the run it must stop.
    actor Flag {
        private(set) var interrupted = false
        /// "SIGINT" or "SIGTERM", once one came.
        private var signalName = ""
        private var current: (any StoppableRun)?

        func trip(_ name: String) async {
            interrupted = true
            signalName = name
            await current?.stop(reason: "interrupted by \(name)")
        }

        /// The run a signal stops from now on; stopped at once when a signal already came.
        func watch(_ run: (any StoppableRun)?) async {
            current = run
            if interrupted { await run?.stop(reason: "interrupted by \(signalName)") }
        }
    }

    init() {
        SignalPipe.shared.install(flag)
    }

    /// Installed by `main` before anything else for `airm run`, until the pipeline takes them.
    private static let early = Mutex<InterruptSignals?>(nil)

    /// Catches the signals from now on, for the `airm run` about to be parsed (`take()`).
    static func installEarly() {
        early.withLock { $0 = $0 ?? InterruptSignals() }
    }

    /// The signals `installEarly()` caught, with what came since; new ones if it was not called.
    static func take() -> InterruptSignals {
        let installed = early.withLock { early in
            defer { early = nil }
            return early
        }
        return installed ?? InterruptSignals()
    }

    func uninstall() {
        SignalPipe.shared.uninstall(flag)
    }
}

/// The process's SIGINT and SIGTERM handler: it writes the signal's number to a pipe, the one
/// thing a handler may safely do, and a thread reading the pipe trips the flag installed last.
///
/// `sigaction` puts the handler in place before `install` returns, so no signal falls between
/// ignoring it and handling it; the pipe and its thread live as long as the process.
private final class SignalPipe: Sendable {
    static let shared = SignalPipe()
    static let signals = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]

    private let flag = Mutex<InterruptSignals.Flag?>(nil)

    private init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            signalPipeWriteEnd = ends[1]
            let reader = ends[0]
            Thread.detachNewThread { [self] in
                var number: UInt8 = 0
                while read(reader, &number, 1) == 1 {
                    guard let name = Self.signals.first(where: { $0.0 == Int32(number) })?.1,
                          let flag = flag.withLock({ $0 }) else { continue }
                    Task { await flag.trip(name) }
                }
            }
        }
    }

    func install(_ flag: InterruptSignals.Flag) {
        self.flag.withLock { $0 = flag }
        for (number, _) in Self.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    func uninstall(_ flag: InterruptSignals.Flag) {
        let installed = self.flag.withLock { current in
            guard current === flag else { return false }
            current = nil
            return true
        }
        guard installed else { return }
        for (number, _) in Self.signals { signal(number, SIG_DFL) }
    }
}

/// The pipe's write end, for the signal handler, which can capture nothing: set once, before
/// the handler is first installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1
