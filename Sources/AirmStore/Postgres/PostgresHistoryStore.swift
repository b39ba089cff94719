import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Run history on a PostgreSQL server, shared by a team's CI jobs (docs/history.md "PostgreSQL for teams").
///
/// One connection per store, opened by `init(url:)` and closed by `close()`. Every write is one
/// transaction; the server's sequences keep ids unique across any number of parallel writers.
///
/// Sendable: the state is the URL, a logger and a `PostgresConnection`, which is safe to use
/// from any task and runs its queries one after another.
public final class PostgresHistoryStore: HistoryBackend {
    /// How long connecting may take before the server counts as unreachable.
    public static let defaultConnectTimeout: Duration = .seconds(10)

    public let url: PostgresURL
    let connection: PostgresConnection
    /// postgres-nio's log goes nowhere: it is not airm's output, and must not carry the URL.
    let logger = Logger(label: "airm.history", factory: { _ in SwiftLogNoOpLogHandler() })

    public var location: String { url.description }

    // MARK: - Opening

    /// Connects to the server and brings its schema up to date.
    ///
    /// - Throws: `HistoryError`: `.unreachable` when nothing answers at the host and port,
    ///   `.authentication` for a refused login, `.newerSchema` for a newer airm's tables.
    public init(url: PostgresURL, connectTimeout: Duration = PostgresHistoryStore.defaultConnectTimeout)
        async throws(HistoryError) {
        self.url = url
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password,
            database: url.database, tls: .disable)
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000
            + connectTimeout.components.attoseconds / 1_000_000_000)
        let logger = logger
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw Self.historyError(error, url: url, connecting: true)
        }
        do {
            try await PostgresHistorySchema.migrate(connection, logger: logger, url: url)
        } catch {
            try? await connection.close()
            throw Self.historyError(error, url: url, connecting: false)
        }
    }

    /// Checks again, right before writing, that the tables are there and no newer airm changed them.
    public func checkBeforeWriting() async throws(HistoryError) {
        try await mapping {
            let applied = try await PostgresHistorySchema.refuseNewer(connection, logger: logger, url: url)
            let missing = PostgresHistorySchema.migrations.map(\.identifier).filter { !applied.contains($0) }
            if !missing.isEmpty {
                throw HistoryError.corrupt(path: url.description,
                                           detail: "migrations \(missing.joined(separator: ", ")) are missing")
            }
        }
    }

    public func close() async {
        try? await connection.close()
    }

    // MARK: - Errors

    /// Runs `body`, rethrowing its failure as a `HistoryError` about this server.
    ///
    /// A connection the server has closed is refused first: postgres-nio would queue a query on it
    /// that never completes.
    func mapping<T>(_ body: () async throws -> T) async throws(HistoryError) -> T {
        if connection.isClosed {
            throw .connectionLost(url: url.description, reason: "the server closed the connection")
        }
        do {
            return try await body()
        } catch {
            throw Self.historyError(error, url: url, connecting: false)
        }
    }
}
