import Foundation
import NIOCore
import NIOPosix

/// How the `airm serve` process is set up before it starts (docs/serve.md "Performance").
public enum ServeProcess {
    /// Call it once, from the main thread, before anything runs on Swift's global executor.
    ///
    /// - Swift concurrency's global executor becomes NIO's singleton event loops, which the server
    ///   and the provider client share. A call crosses from the server's event loop to the gateway
    ///   and the route's task, to the provider client and back; on Swift's own thread pool each
    ///   crossing is a switch between threads, while on the event loops a task is enqueued on the
    ///   loop it was started from, so a call stays on the thread its connection lives on.
    /// - Without `TZ`, the C library looks up `/etc/localtime` again for every log line's local
    ///   time; `TZ=:/etc/localtime` names the same zone once.
    public static func prepare() {
        setenv("TZ", ":/etc/localtime", 0)
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
