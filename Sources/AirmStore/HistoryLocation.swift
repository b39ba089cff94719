/// Where `--history` (or `AIRM_HISTORY_URL`) points: an SQLite file or a PostgreSQL server
/// (docs/history.md).
public enum HistoryLocation: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case postgres(PostgresURL)

    /// Reads a `--history` value: `postgres://…` or `postgresql://…` is a server, anything else a file path.
    ///
    /// - Parameters:
    ///   - resolve: turns a relative file path into one under the working directory.
    ///   - environmentPassword: `PGPASSWORD`, used when the URL has no password.
    public init(_ text: String, environmentPassword: String? = nil,
                resolve: (String) -> String = { $0 }) throws(HistoryError) {
        if PostgresURL.isURL(text) {
            self = .postgres(try PostgresURL(text, environmentPassword: environmentPassword))
        } else {
            self = .file(path: resolve(text))
        }
    }

    /// The file's path, or the server's URL without its password.
    public var description: String {
        switch self {
        case let .file(path): path
        case let .postgres(url): url.description
        }
    }

    // MARK: - Opening

    /// Opens the store for `airm history` and `airm compare`: an SQLite file read-only, a server
    /// as for writing (its tables are created or migrated when needed).
    public func openForReading() async throws(HistoryError) -> any HistoryBackend {
        switch self {
        case let .file(path): try HistoryStore(readingFrom: path)
        case let .postgres(url): try await PostgresHistoryStore(url: url)
        }
    }

    /// Opens the store for `airm run`, creating and migrating it on first use.
    public func openForWriting() async throws(HistoryError) -> any HistoryBackend {
        switch self {
        case let .file(path): try HistoryStore(path: path)
        case let .postgres(url): try await PostgresHistoryStore(url: url)
        }
    }
}
