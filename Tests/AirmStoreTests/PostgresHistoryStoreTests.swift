import Foundation
import Logging
import PostgresNIO
import Testing
@testable import AirmStore

/// `HistoryBackendChecks`, migrations, refusals and failures on a real PostgreSQL server
/// (`AIRM_TEST_POSTGRES_URL`), each test in a database of its own.
@Suite(.enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.skipReason))
struct PostgresHistoryStoreTests {
    private func withDatabase(_ body: (PostgresURL) async throws -> Void) async throws {
        let url = try await PostgresTestServer.freshDatabase()
        do {
            try await body(url)
        } catch {
            await PostgresTestServer.drop(url)
            throw error
        }
        await PostgresTestServer.drop(url)
    }

    // MARK: - The contract

    @Test func recordsAndReadsBack() async throws {
        try await withDatabase { try await HistoryBackendChecks.recordsAndReadsBack(.postgres($0)) }
    }

    @Test func listsAndPicksRuns() async throws {
        try await withDatabase { try await HistoryBackendChecks.listsAndPicksRuns(.postgres($0)) }
    }

    @Test func eightParallelWriters() async throws {
        try await withDatabase { try await HistoryBackendChecks.eightParallelWriters(.postgres($0)) }
    }

    @Test func historyAndCompareReadTheSameAsFromSQLite() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try await HistoryBackendChecks.outputs(.file(path: directory.appendingPathComponent("h.sqlite").path))
        try await withDatabase { url in
            let postgres = try await HistoryBackendChecks.outputs(.postgres(url))
            #expect(postgres == sqlite)
            #expect(sqlite[0].contains("efefefe+dirty"))
        }
    }

    // MARK: - Schema

    @Test func createsTheSchemaAtTheCurrentVersion() async throws {
        try await withDatabase { url in
            let store = try await PostgresHistoryStore(url: url)
            await store.close()
            try await PostgresTestServer.withConnection(to: url) { connection, logger in
                let version = try await connection.query("SELECT version FROM airm_schema_version", logger: logger)
                    .collect().first?.decode(Int.self)
                #expect(version == HistorySchema.version)
                var migrations: [String] = []
                for try await identifier in try await connection.query(
                    "SELECT identifier FROM airm_migrations ORDER BY identifier", logger: logger).decode(String.self) {
                    migrations.append(identifier)
                }
                #expect(migrations == ["v1", "v2"])
            }
        }
    }

    @Test func aVersion1SchemaIsMigratedAndKeepsItsRuns() async throws {
        try await withDatabase { url in
            try await PostgresTestServer.withConnection(to: url) { connection, logger in
                try await PostgresHistorySchema.migrate(connection, logger: logger, url: url, through: 1)
                try await connection.query(PostgresQuery(unsafeSQL: Fixtures.version1Run), logger: logger)
                let version = try await connection.query("SELECT version FROM airm_schema_version", logger: logger)
                    .collect().first?.decode(Int.self)
                #expect(version == 1)
            }
            let store = try await PostgresHistoryStore(url: url)
            let old = try #require(try await store.runs().first)
            #expect(old.mode == "live")
            #expect(old.gitDirty == nil && old.p50Ms == nil && old.failed == nil)
            #expect(old.commitLabel == "0123456")
            let id = try await store.record(Fixtures.result(), gitCommit: String(repeating: "ab", count: 20), gitDirty: true)
            let new = try #require(try await store.run(id: id))
            #expect(new.commitLabel == "abababa+dirty")
            #expect(new.p50Ms == 80 && new.failed == 0)
            #expect(id > old.id)
            await store.close()
        }
    }

    @Test func refusesASchemaFromANewerAirm() async throws {
        try await withDatabase { url in
            let store = try await PostgresHistoryStore(url: url)
            try await PostgresTestServer.withConnection(to: url) { connection, logger in
                try await connection.query("UPDATE airm_schema_version SET version = 3", logger: logger)
            }
            // Checked again before writing: a newer airm migrated the server after this one connected.
            await #expect(throws: HistoryError.self) { try await store.checkBeforeWriting() }
            await store.close()
            let error = try #require(await PostgresTestServer.failure { () async throws(HistoryError) in _ = try await PostgresHistoryStore(url: url) })
            #expect(error == .newerSchema(path: url.description, found: "schema version 3",
                                          known: "schema version 2, migrations v1, v2"))
            #expect(error.description.hasPrefix("history database \(url.description) was written by a newer airm"))
            #expect(error.description.contains("upgrade airm"))
            try await PostgresTestServer.withConnection(to: url) { connection, logger in
                try await connection.query("UPDATE airm_schema_version SET version = 2", logger: logger)
                try await connection.query("INSERT INTO airm_migrations (identifier) VALUES ('v3')", logger: logger)
            }
            await #expect(throws: HistoryError.newerSchema(
                path: url.description, found: "migrations v3", known: "schema version 2, migrations v1, v2")) {
                _ = try await PostgresHistoryStore(url: url)
            }
        }
    }
}
