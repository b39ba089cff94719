import NIOCore
import NIOPosix

/// Where `airm serve` runs its tasks (docs/serve.md "Performance").
///
/// A call crosses from the server's event loop to the gateway and the route's task, to the
/// provider client's event loop and back. On Swift's own thread pool each crossing is a switch
/// between threads; with NIO's event loops as the global executor, a task is enqueued on the
/// event loop it was started from, so a call stays on the thread its connection lives on.
public enum ServeExecutor {
    /// Makes NIO's singleton event loops, which the server and the provider client share, Swift
    /// concurrency's global executor; `false` when it could not be installed.
    ///
    /// Call it once, from the main thread, before anything runs on the global executor.
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
