import Foundation
import GRDB

/// Why the request log could not be used (docs/serve.md "Request log").
///
/// Each case carries the file's path, and `description` is a sentence a user can act on.
public enum RequestLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's parent directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The path is a device, FIFO, directory or other special file.
    case notARegularFile(path: String)
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file was written by a newer airm.
    case newerSchema(path: String, found: Int, known: Int)
    /// Any other SQLite failure.
    case database(path: String, message: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            "cannot create the directory for request log \(path): \(reason)"
        case let .notARegularFile(path):
            "request log \(path) is not a regular file; choose another file with --log-db"
        case let .notADatabase(path):
            "request log \(path) is not an SQLite database; move it aside or choose another file with --log-db"
        case let .newerSchema(path, found, known):
            "request log \(path) was written by a newer airm (schema version \(found); this airm knows \(known)); "
                + "upgrade airm or choose another file with --log-db"
        case let .database(path, message):
            "request log \(path): \(message)"
        }
    }

    /// Runs `body`, rethrowing its failure as a `RequestLogError` about `path`.
    static func mapping<T>(path: String, _ body: () throws -> T) throws(RequestLogError) -> T {
        do {
            return try body()
        } catch {
            throw from(error, path: path)
        }
    }

    /// Awaits `body`, rethrowing its failure as a `RequestLogError` about `path`.
    static func mapping<T>(path: String, _ body: () async throws -> T) async throws(RequestLogError) -> T {
        do {
            return try await body()
        } catch {
            throw from(error, path: path)
        }
    }

    private static func from(_ error: any Error, path: String) -> RequestLogError {
        switch error {
        case let error as RequestLogError: error
        case let error as DatabaseError where error.resultCode == .SQLITE_NOTADB: .notADatabase(path: path)
        case let error as DatabaseError: .database(path: path, message: error.message ?? error.description)
        default: .database(path: path, message: String(describing: error))
        }
    }
}
