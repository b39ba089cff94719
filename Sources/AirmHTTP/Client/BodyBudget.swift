import Synchronization

/// The memory that answers being read may hold together, across every call in flight
/// (docs/cli.md `--max-body-memory`), on top of the per-call cap.
///
/// A plain (not streamed) answer is kept whole until it ends, so it reserves what reading it
/// holds: the capacity of its buffer as the buffer grows (not only the bytes in it), and
/// `perConnection` for its connection's receive buffers. An answer that finds the budget full
/// drops what it holds and ends there, closing its connection; it ends `corrupt` ("too large").
/// An event stream is parsed as it arrives and holds no body, so it takes nothing from the budget.
public final class BodyBudget: Sendable {
    /// The default: 64 MB.
    public static let defaultLimit = 64 * 1024 * 1024
    /// What a connection whose answer is being read holds besides the answer: SwiftNIO keeps up
    /// to four receive buffers of up to 64 KB for each connection it reads fast.
    public static let perConnection = 4 * 64 * 1024
    /// The budget every live client shares unless given its own.
    public static let shared = BodyBudget(limit: defaultLimit)

    private let state: Mutex<(limit: Int, used: Int)>

    public init(limit: Int) {
        state = Mutex((max(limit, 0), 0))
    }

    /// The most bytes held at once.
    public var limit: Int {
        get { state.withLock { $0.limit } }
        set { state.withLock { $0.limit = max(newValue, 0) } }
    }

    /// Bytes held now.
    public var used: Int { state.withLock { $0.used } }

    /// Takes `bytes` if they fit; `false`, taking nothing, if they do not.
    public func reserve(_ bytes: Int) -> Bool {
        state.withLock { state in
            guard bytes <= state.limit - state.used else { return false }
            state.used += bytes
            return true
        }
    }

    /// Gives back `bytes` taken with `reserve`.
    public func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        state.withLock { $0.used = max($0.used - bytes, 0) }
    }
}
