import AirmSpec
import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Classifies errors thrown by AsyncHTTPClient and NIO into docs/semantics.md "Attempt outcomes" kinds.
enum TransportErrors {
    static func classify(_ error: any Error) -> WireFailure {
        if let failure = known(error) { return failure }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") {
            return WireFailure(.unavailable, "connection refused: \(text)")
        }
        return WireFailure(.connection, "connection failed: \(text)")
    }

    private static func known(_ error: any Error) -> WireFailure? {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return WireFailure(.timeout, "timed out: \(error)")
            case .remoteConnectionClosed, .cancelled:
                return WireFailure(.connection, "connection closed: \(error)")
            case .bodyLengthMismatch:
                return WireFailure(.connection, "body cut short: \(error)")
            default:
                return nil
            }
        }
        if let error = error as? IOError {
            return errno(error.errnoCode, error)
        }
        if let error = error as? NIOConnectionError {
            for attempt in error.connectionErrors {
                if let io = attempt.error as? IOError, let failure = errno(io.errnoCode, io) { return failure }
            }
            return WireFailure(.unavailable, "could not connect: \(error)")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return WireFailure(.timeout, "connect timed out")
        }
        return nil
    }

    private static func errno(_ code: Int32, _ error: any Error) -> WireFailure? {
        switch code {
        case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH:
            WireFailure(.unavailable, "connection refused: \(error)")
        case ECONNRESET, EPIPE, ECONNABORTED:
            WireFailure(.connection, "connection reset: \(error)")
        default:
            nil
        }
    }
}
