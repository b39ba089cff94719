import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to tell a user whose server could not start listening, with the next step.
public enum ListenFailure {
    /// A sentence for `error`, thrown while binding `host:port`; `nil` when it is not a bind failure.
    public static func message(for error: any Error, host: String, port: Int) -> String? {
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case EADDRINUSE:
            return "port \(port) on \(host) is already in use: stop what holds it, choose another with --port, "
                + "or give --port 0 for a free one"
        case EACCES:
            return "not allowed to listen on port \(port) on \(host): ports below 1024 need privileges; "
                + "choose another with --port, or give --port 0 for a free one"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine: give --host 127.0.0.1, or an address it has"
        default:
            return nil
        }
    }
}
