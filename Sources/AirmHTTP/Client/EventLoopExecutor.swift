import NIOCore
import NIOPosix

/// Where Swift concurrency runs in the `airm` process.
public enum EventLoopExecutor {
    /// Makes SwiftNIO's shared event loops Swift concurrency's global executor, so tasks that
    /// talk HTTP resume on the threads that do the I/O instead of hopping to another pool.
    ///
    /// Call once, first thing in `main`, before any task starts.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
