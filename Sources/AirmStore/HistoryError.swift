import Foundation
import GRDB

/// Why the history store could not be used. The CLI maps every case to exit code 3.
///
/// Each case carries the file's path, and `description` is a sentence a user can act on.
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
    /// Any other SQLite failure.
    case database(path: String, message: String)

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
            return "history file \(path) was written by a newer airm (it has \(found); this airm knows \(known)); "
                + "upgrade airm or choose another file with --history"
        case let .locked(path):
            return "history file \(path) is locked by another process; try again, or use --no-history"
        case let .malformed(path, detail):
            return "history file \(path) holds a value airm cannot read: \(detail)"
        case let .database(path, message):
            return "history file \(path): \(message)"
        }
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
