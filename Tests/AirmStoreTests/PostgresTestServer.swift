import Foundation
import Testing
import Logging
import PostgresNIO
@testable import AirmStore

/// The PostgreSQL server the store's tests use, named by `AIRM_TEST_POSTGRES_URL`
/// (`.ci/run` starts one; see scripts/history/postgres.sh). Unset: those tests are skipped.
enum PostgresTestServer {
    static let variable = "AIRM_TEST_POSTGRES_URL"
    static let text = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static var isConfigured: Bool { text != nil }
    static let skipReason: Comment = "AIRM_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against"

    static func url() throws -> PostgresURL { try PostgresURL(text ?? "") }

    /// A new, empty database on the server, dropped by `drop(_:)`; each test gets its own.
    static func freshDatabase() async throws -> PostgresURL {
        var url = try url()
        let name = "airm_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await withAdmin { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        url.database = name
        return url
    }

    static func drop(_ url: PostgresURL) async {
        try? await withAdmin { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(url.database) WITH (FORCE)"),
                                       logger: logger)
        }
    }

    /// Runs `body` on a connection to the server's own database (the URL's).
    static func withAdmin(_ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        try await withConnection(to: try url(), body)
    }

    /// The `HistoryError` that `body` throws, or nil when it succeeds.
    static func failure(of body: () async throws(HistoryError) -> Void) async -> HistoryError? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    static func withConnection(to url: PostgresURL, _ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        let logger = Logger(label: "airm.tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
        do {
            try await body(connection, logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
