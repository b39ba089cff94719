import AirmEngine
import AirmSpec
import Foundation
import GRDB

/// The gateway's request log in one SQLite file, beside the run history (docs/serve.md "Request log").
///
/// The file is in WAL mode (`synchronous = NORMAL`: a crash loses at most the last batches, never
/// the file) and held through a GRDB `DatabasePool`: queries from the HTTP API read while a batch
/// is being written, without waiting for it. Every access is async and runs on GRDB's own
/// threads, so SQLite's file I/O never blocks the tasks that answer calls. One gateway writes the
/// file, through a `RequestLogWriter`.
///
/// Sendable: the only state is the path and a `DatabasePool`, which is `Sendable` and serializes
/// writes on its writer connection.
public final class RequestLog: Sendable {
    /// Where `airm serve` keeps its request log unless `--log-db` says otherwise.
    public static let defaultPath = ".airm/requests.sqlite"

    /// The file's path, as given.
    public let path: String
    let pool: DatabasePool

    /// Opens the log at `path`, creating it and its parent directory on first use.
    ///
    /// - Throws: `RequestLogError`: `.notARegularFile` for a device, FIFO or directory,
    ///   `.notADatabase` for a file that is not SQLite, `.newerSchema` for a newer airm's file.
    public init(path: String = RequestLog.defaultPath) throws(RequestLogError) {
        self.path = path
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
           type != .typeRegular {
            throw .notARegularFile(path: path)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: path, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "airm.requests"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        pool = try RequestLogError.mapping(path: path) { try DatabasePool(path: path, configuration: configuration) }
        try RequestLogSchema.migrate(pool, path: path)
    }

    // MARK: - Writing

    /// Appends `rows` in one transaction, and gives each its id.
    @discardableResult
    public func insert(_ rows: [RequestRow]) async throws(RequestLogError) -> [RequestRow] {
        guard !rows.isEmpty else { return rows }
        return try await RequestLogError.mapping(path: path) {
            try await pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO requests (at, provider, outcome, attempts, latency_us, fault, prompt, answer)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                return try rows.map { row in
                    try statement.execute(arguments: [
                        RequestRow.milliseconds(row.at), row.provider, row.outcome.rawValue, row.attempts,
                        row.latencyMicroseconds, row.fault, row.prompt, row.answer,
                    ])
                    var written = row
                    written.id = db.lastInsertedRowID
                    return written
                }
            }
        }
    }

    /// Deletes the rows that `retention` no longer keeps at `now`; returns how many went.
    @discardableResult
    public func prune(_ retention: Retention, now: Date) async throws(RequestLogError) -> Int {
        guard retention.maxAge != nil || retention.maxRows != nil else { return 0 }
        return try await RequestLogError.mapping(path: path) {
            try await pool.write { db in
                var deleted = 0
                if let maxAge = retention.maxAge {
                    let cutoff = now.addingTimeInterval(-maxAge.seconds)
                    try db.execute(sql: "DELETE FROM requests WHERE at < ?", arguments: [RequestRow.milliseconds(cutoff)])
                    deleted += db.changesCount
                }
                if let maxRows = retention.maxRows {
                    try db.execute(sql: """
                        DELETE FROM requests WHERE id <= (SELECT id FROM requests ORDER BY id DESC LIMIT 1 OFFSET ?)
                        """, arguments: [maxRows])
                    deleted += db.changesCount
                }
                return deleted
            }
        }
    }
}
