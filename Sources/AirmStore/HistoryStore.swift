import Foundation
import GRDB

/// Run history in one SQLite file (docs/history.md), shared safely by parallel `airm run` processes.
///
/// The file is in WAL mode with a busy timeout: readers never wait, and a writer waits up to the
/// timeout for another process's write to finish. Every write is one `BEGIN IMMEDIATE` transaction.
///
/// Sendable: the only state is the path and a GRDB `DatabaseQueue`, which is `Sendable` and
/// serializes every access to its connection. Stores opened on the same file (in this process or
/// others) each hold their own connection and coordinate through SQLite's file locks.
public final class HistoryStore: Sendable {
    /// Where `airm run`, `airm history` and `airm compare` keep history unless `--history` says otherwise.
    public static let defaultPath = ".airm/history.sqlite"
    /// How long a write waits for another process's write before failing with `HistoryError.locked`.
    public static let defaultBusyTimeout: Duration = .seconds(10)

    /// The file's path, as given.
    public let path: String
    let queue: DatabaseQueue

    // MARK: - Opening

    /// Opens the history file at `path`, creating it and its parent directory on first use, and
    /// bringing its schema up to date.
    ///
    /// - Throws: `HistoryError`: `.notARegularFile` for a device, FIFO or directory (SQLite is
    ///   never handed one), `.notADatabase` for a file that is not SQLite, `.newerSchema` for a
    ///   file written by a newer airm, `.locked` when another process holds it past `busyTimeout`.
    public init(
        path: String = HistoryStore.defaultPath, busyTimeout: Duration = HistoryStore.defaultBusyTimeout
    ) throws(HistoryError) {
        self.path = path
        try Self.refuseSpecialFile(path)
        try Self.createParentDirectory(of: path)
        queue = try Self.open(path: path, configuration: Self.configuration(busyTimeout: busyTimeout), busyTimeout: busyTimeout)
    }

    /// Opens the history file at `path` for reading only, for `airm history` and `airm compare`.
    ///
    /// Nothing is created, migrated or locked for writing, so a reader never waits on a writer
    /// (WAL mode) and a read-only file can be read. A missing file reads as an empty history.
    /// A file from an older airm, which needs a migration, is opened as `init(path:busyTimeout:)` does.
    public init(readingFrom path: String, busyTimeout: Duration = HistoryStore.defaultBusyTimeout) throws(HistoryError) {
        self.path = path
        try Self.refuseSpecialFile(path)
        guard FileManager.default.fileExists(atPath: path) else {
            queue = try HistoryError.mapping(path: path) {
                let empty = try DatabaseQueue()
                try HistorySchema.migrate(empty, path: path)
                return empty
            }
            return
        }
        var configuration = Self.configuration(busyTimeout: busyTimeout)
        configuration.journalMode = .default
        if Self.isWritable(path) {
            // Opened for writing but refusing every write: the last connection to close checkpoints
            // and removes the `-wal` and `-shm` files, which a read-only connection would leave behind.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
        } else {
            configuration.readonly = true
        }
        let reader = try HistoryError.mapping(path: path) { try DatabaseQueue(path: path, configuration: configuration) }
        if try HistorySchema.isCurrent(reader, path: path) {
            queue = reader
        } else {
            try Self.createParentDirectory(of: path)
            queue = try Self.open(path: path, configuration: Self.configuration(busyTimeout: busyTimeout), busyTimeout: busyTimeout)
        }
    }

    /// Whether the file and its directory can be written, so SQLite can tidy up its WAL files.
    private static func isWritable(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        return FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory)
    }

    private static func configuration(busyTimeout: Duration) -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.seconds(busyTimeout))
        configuration.foreignKeysEnabled = true
        configuration.label = "airm.history"
        return configuration
    }

    /// Refuses a path that exists and is not a regular file (after symlinks): `/dev/null`, a FIFO,
    /// a directory. SQLite would otherwise write a journal beside it, e.g. `/dev/null-journal`.
    private static func refuseSpecialFile(_ path: String) throws(HistoryError) {
        guard let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType else { return }
        if type != .typeRegular { throw .notARegularFile(path: path) }
    }

    /// Opens and migrates, trying again while another opener briefly holds the file.
    ///
    /// SQLite answers `SQLITE_BUSY` at once, without waiting, in two cases that only arise here:
    /// a fresh file still in rollback mode while several connections switch it to WAL, and a read
    /// snapshot made stale by a concurrent migration (`SQLITE_BUSY_SNAPSHOT`). A new attempt
    /// succeeds once the other opener is done, so busy failures are retried until `busyTimeout`.
    private static func open(path: String, configuration: Configuration,
                             busyTimeout: Duration) throws(HistoryError) -> DatabaseQueue {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: busyTimeout)
        var attempt = 0
        while true {
            attempt += 1
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try HistorySchema.migrate(queue, path: path)
                return queue
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && clock.now < deadline {
                // Back off 1, 2, 4 … up to 64 ms, so that contending openers spread out.
                usleep(useconds_t(1000 << min(attempt - 1, 6)))
                continue
            } catch {
                throw HistoryError.from(error, path: path)
            }
        }
    }

    private static func createParentDirectory(of path: String) throws(HistoryError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: error.localizedDescription)
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    // MARK: - Maintenance

    /// SQLite's `PRAGMA quick_check`, run before writing so a damaged file is not written to.
    ///
    /// - Throws: `HistoryError.corrupt` naming the file when the check finds damage.
    public func quickCheck() throws(HistoryError) {
        let result = try HistoryError.mapping(path: path) {
            try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
        }
        if result != "ok" { throw .corrupt(path: path, detail: "quick_check: " + String(result.prefix(200))) }
    }

    /// SQLite's `PRAGMA integrity_check`: `"ok"` when the file is sound.
    public func integrityCheck() throws(HistoryError) -> String {
        try HistoryError.mapping(path: path) {
            try queue.read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            }
        }
    }
}
