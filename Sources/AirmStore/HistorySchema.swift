import GRDB

/// The history file's tables, as a list of versioned migrations.
///
/// Migrations are never edited once released; a change is a new migration appended to `migrator`,
/// and `version` (written to `PRAGMA user_version`) goes up by one.
enum HistorySchema {
    /// The schema version this airm writes; a file with a higher `user_version` is refused.
    static let version = 2

    /// Thrown inside a migration that another process applied between GRDB's check and our transaction.
    struct AppliedConcurrently: Error {}

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try guardNotApplied("v1", db)
            try createVersion1(db)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        migrator.registerMigration("v2") { db in
            try guardNotApplied("v2", db)
            try addVersion2Columns(db)
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        return migrator
    }

    // MARK: - Applying

    /// Refuses a newer file, then applies the missing migrations.
    ///
    /// Several processes may open a fresh file at once. GRDB reads the applied migrations before
    /// taking the write lock, so a process can lose that race; it then sees the migration applied
    /// inside its own transaction, rolls back, and looks again.
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        try refuseNewer(queue, path: path)
        let migrator = migrator
        let known = migrator.migrations
        for _ in 0...known.count {
            do {
                try migrator.migrate(queue)
                return
            } catch is AppliedConcurrently {
                continue
            }
        }
        try migrator.migrate(queue)
    }

    /// Whether the file has every migration, without writing; refuses a newer file.
    static func isCurrent(_ queue: DatabaseQueue, path: String) throws(HistoryError) -> Bool {
        try refuseNewer(queue, path: path)
        return try HistoryError.mapping(path: path) {
            try queue.read { db in try migrator.hasCompletedMigrations(db) }
        }
    }

    /// Throws `HistoryError.newerSchema` for a file written by a newer airm.
    private static func refuseNewer(_ queue: DatabaseQueue, path: String) throws(HistoryError) {
        let migrator = migrator
        let known = migrator.migrations
        let (userVersion, applied) = try HistoryError.mapping(path: path) {
            try queue.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.appliedIdentifiers(db))
            }
        }
        let unknown = applied.subtracting(known).sorted()
        if userVersion > version || !unknown.isEmpty {
            let found = unknown.isEmpty
                ? "schema version \(userVersion)"
                : "migrations \(unknown.joined(separator: ", "))"
            throw HistoryError.newerSchema(path: path, found: found,
                                           known: "schema version \(version), migrations \(known.joined(separator: ", "))")
        }
    }

    private static func guardNotApplied(_ identifier: String, _ db: Database) throws {
        let applied = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)", arguments: [identifier])
        if applied == true { throw AppliedConcurrently() }
    }

    // MARK: - Version 1

    private static func createVersion1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                experiment TEXT NOT NULL,
                file TEXT NOT NULL,
                file_hash TEXT NOT NULL,
                seed TEXT NOT NULL,
                mode TEXT NOT NULL,
                verdict TEXT NOT NULL,
                started_at TEXT NOT NULL,
                duration_ms REAL NOT NULL,
                airm_version TEXT NOT NULL,
                git_commit TEXT,
                requests INTEGER NOT NULL,
                success_rate REAL NOT NULL,
                availability REAL NOT NULL,
                p95_ms REAL NOT NULL,
                p99_ms REAL NOT NULL,
                time_to_open_ms REAL,
                time_to_open_all_ms TEXT NOT NULL,
                time_to_close_ms REAL,
                time_to_close_all_ms TEXT NOT NULL
            );
            CREATE INDEX runs_by_experiment ON runs (experiment, id);
            CREATE TABLE assertion_results (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                passed INTEGER NOT NULL,
                expected TEXT NOT NULL,
                observed TEXT NOT NULL,
                message TEXT NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            CREATE TABLE transitions (
                run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                provider TEXT NOT NULL,
                at_ms REAL NOT NULL,
                from_state TEXT NOT NULL,
                to_state TEXT NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (run_id, position)
            );
            """)
    }

    // MARK: - Version 2

    /// Whether the experiment file differed from its commit, the p50 and the failed count.
    /// Rows recorded before keep NULL: unknown.
    private static func addVersion2Columns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE runs ADD COLUMN git_dirty INTEGER;
            ALTER TABLE runs ADD COLUMN p50_ms REAL;
            ALTER TABLE runs ADD COLUMN failed INTEGER;
            """)
    }
}
