import Foundation
import GRDB

/// Why the history store could not be used. The CLI maps every case to exit code 3.
///
/// Each case carries the file's path or the server's redacted URL (never its password), and
/// `description` is a sentence a user can act on.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's parent directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The path is a device, FIFO, directory or other special file.
    case notARegularFile(path: String)
    /// The file exists but is not an SQLite database (SQLite's "file is not a database").
    case notADatabase(path: String)
    /// SQLite found the file damaged.
    case corrupt(path: String, detail: String)
    /// The file was written by a newer airm: its schema has migrations or a version this one does not know.
    case newerSchema(path: String, found: String, known: String)
    /// Another process held the write lock for longer than the busy timeout.
    case locked(path: String)
    /// A stored value could not be read back (edited or foreign file).
    case malformed(path: String, detail: String)
    /// Any other SQLite failure, or a PostgreSQL server's error.
    case database(path: String, message: String)
    /// A `postgres://` location that airm cannot use.
    case invalidURL(url: String, reason: String)
    /// The PostgreSQL server could not be reached at `address` (`host:port`).
    case unreachable(url: String, address: String, reason: String)
    /// The PostgreSQL server refused the user's login.
    case authentication(url: String, reason: String)
    /// The PostgreSQL server closed the connection while it was in use.
    case connectionLost(url: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "cannot create the directory for history file \(path): \(reason)"
        case let .notARegularFile(path):
            return "history file \(path) is not a regular file; choose a file with --history, or use --no-history"
        case let .notADatabase(path):
            return "history file \(path) is not an SQLite database (file is not a database); "
                + "move it aside or choose another file with --history"
        case let .corrupt(path, detail):
            return "history file \(path) is corrupt (\(detail)); move it aside or choose another file with --history"
        case let .newerSchema(path, found, known):
            return "\(Self.subject(path)) was written by a newer airm (it has \(found); this airm knows \(known)); "
                + "upgrade airm or choose another file with --history"
        case let .locked(path):
            return "history file \(path) is locked by another process; try again, or use --no-history"
        case let .malformed(path, detail):
            return "\(Self.subject(path)) holds a value airm cannot read: \(detail)"
        case let .database(path, message):
            return "\(Self.subject(path)): \(message)"
        case let .invalidURL(url, reason):
            return "history location \(url) is not usable: \(reason)"
        case let .unreachable(url, address, reason):
            return "cannot reach the history database at \(address) (\(url)): \(reason); "
                + "start the server or correct --history / AIRM_HISTORY_URL, or use --no-history"
        case let .authentication(url, reason):
            return "the history database \(url) refused the login: \(reason); "
                + "check the user and password (in the URL or PGPASSWORD)"
        case let .connectionLost(url, reason):
            return "lost the connection to the history database \(url): \(reason); "
                + "check that the server is up, then run again, or use --no-history"
        }
    }

    /// `history file PATH`, or `history database URL` for a server.
    private static func subject(_ path: String) -> String {
        PostgresURL.isURL(path) ? "history database \(path)" : "history file \(path)"
    }
}

// MARK: - Mapping SQLite errors

extension HistoryError {
    /// Turns any error thrown while using the file at `path` into a `HistoryError`.
    static func from(_ error: any Error, path: String) -> HistoryError {
        if let error = error as? HistoryError { return error }
        guard let error = error as? DatabaseError else {
            return .database(path: path, message: String(describing: error))
        }
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: error.message ?? "database disk image is malformed")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path)
        default:
            return .database(path: path, message: error.message ?? error.description)
        }
    }

    /// Runs `body`, rethrowing its failure as a `HistoryError` about `path`.
    static func mapping<T>(path: String, _ body: () throws -> T) throws(HistoryError) -> T {
        do {
            return try body()
        } catch {
            throw from(error, path: path)
        }
    }
}
