import GRDB

/// The request log's table, as a list of versioned migrations (docs/serve.md "Request log").
///
/// Migrations are never edited once released; a change is a new migration appended to `migrator`,
/// and `version` (written to `PRAGMA user_version`) goes up by one.
enum RequestLogSchema {
    /// The schema version this airm writes; a file with a higher `user_version` is refused.
    static let version = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("requests-v1") { db in
            // The rowid is the id: no AUTOINCREMENT table, so no sqlite_sequence bookkeeping.
            try db.execute(sql: """
                CREATE TABLE requests (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    provider TEXT,
                    outcome TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    latency_us INTEGER NOT NULL,
                    fault TEXT,
                    prompt TEXT,
                    answer TEXT
                );
                CREATE INDEX requests_at ON requests (at);
                PRAGMA user_version = 1;
                """)
        }
        return migrator
    }

    /// Refuses a file written by a newer airm, then applies the missing migrations.
    static func migrate(_ writer: some DatabaseWriter, path: String) throws(RequestLogError) {
        let found = try RequestLogError.mapping(path: path) {
            try writer.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        }
        if found > version { throw .newerSchema(path: path, found: found, known: version) }
        try RequestLogError.mapping(path: path) { try migrator.migrate(writer) }
    }
}
