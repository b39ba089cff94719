import AirmHTTP
import Dispatch
import Foundation

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
/// can stop arrivals, drain and write its reports; `uninstall()` restores it.
final class InterruptSignals: @unchecked Sendable {
    // @unchecked Sendable: `sources` is written in `init` and in `uninstall()` only, which the
    // owner calls once, after the runs; the shared state lives in the `Flag` actor.
    let flag = Flag()
    private var sources: [any DispatchSourceSignal] = []

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
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let flag = flag
            source.setEventHandler { Task { await flag.trip(name) } }
            source.resume()
            sources.append(source)
        }
    }

    func uninstall() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
