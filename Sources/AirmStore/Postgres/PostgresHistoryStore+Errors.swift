import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

extension PostgresHistoryStore {
    /// Turns a postgres-nio failure into a `HistoryError` whose text never holds the password.
    ///
    /// `connecting` tells a server that is not there (`.unreachable`) from one that went away
    /// while in use (`.connectionLost`).
    static func historyError(_ error: any Error, url: PostgresURL, connecting: Bool) -> HistoryError {
        let location = url.description
        switch error {
        case let error as HistoryError:
            return error
        case let error as PostgresTransactionError:
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { historyError($0, url: url, connecting: connecting) }
                ?? .database(path: location, message: "the transaction failed")
        case let error as PSQLError:
            return historyError(error, url: url, connecting: connecting)
        default:
            let reason = url.scrub(Self.reason(error))
            return connecting
                ? .unreachable(url: location, address: url.address, reason: reason)
                : .connectionLost(url: location, reason: reason)
        }
    }

    private static func historyError(_ error: PSQLError, url: PostgresURL, connecting: Bool) -> HistoryError {
        let location = url.description
        let lost: (String) -> HistoryError = { reason in
            connecting
                ? .unreachable(url: location, address: url.address, reason: url.scrub(reason))
                : .connectionLost(url: location, reason: url.scrub(reason))
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = url.scrub(error.serverInfo?[.message] ?? "server error")
            if state.hasPrefix("28") { return .authentication(url: location, reason: message) }
            // admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping or starting.
            if ["57P01", "57P02", "57P03"].contains(state) { return lost(message) }
            return .database(path: location, message: state.isEmpty ? message : "\(message) (SQLSTATE \(state))")
        case .authMechanismRequiresPassword:
            return .authentication(url: location, reason: "the server asks for a password; give it in the URL or in PGPASSWORD")
        case .unsupportedAuthMechanism, .saslError:
            return .authentication(url: location, reason: "the server asks for an authentication method airm does not speak")
        case .connectionError:
            return lost(error.underlying.map(Self.reason) ?? "connection failed")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return lost(connecting ? "no answer, or the connection was closed" : "the server closed the connection")
        default:
            return .database(path: location, message: "\(error.code)")
        }
    }

    /// Why a connection failed, in a few words: `connection refused`, `cannot resolve the host name`.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve the host name" }
            return "the host name has no address"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case let error as ChannelError:
            if case .connectTimeout(let timeout) = error {
                return "no answer within \(timeout.nanoseconds / 1_000_000_000) s"
            }
            return String(describing: error)
        default:
            return String(describing: error)
        }
    }
}
