import NIOCore
import Synchronization

/// The calls `HangUntilGone` holds open, so that a server shutting down ends every one of them.
///
/// A held call normally ends when its client goes away, but a client that leaves before the hold
/// begins leaves no event behind to end it (and a connection the server is not reading never
/// reports its end), so the shutdown cannot rely on the client alone.
final class HangingCalls: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var shuttingDown = false
    }

    private let state = Mutex(State())

    init() {}

    /// Holds `channel` until `release` or `closeAll`; `false` when the server is already shutting
    /// down, and the caller closes it at once.
    func hold(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.shuttingDown else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func release(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Closes every call held, and every one held from now on.
    func closeAll() {
        let held = state.withLock { state in
            state.shuttingDown = true
            defer { state.channels.removeAll() }
            return Array(state.channels.values)
        }
        for channel in held { channel.close(promise: nil) }
    }
}
