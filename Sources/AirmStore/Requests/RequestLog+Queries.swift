import AirmEngine
import AirmSpec
import Foundation
import GRDB

extension RequestLog {
    /// Which rows `requests(_:)` returns: the newest first, at most `limit`, optionally of one
    /// provider, one outcome, and from a time on (`GET /api/history/requests`).
    public struct Query: Sendable, Hashable {
        public var limit: Int
        public var provider: String?
        public var outcome: RequestOutcome?
        public var since: Date?

        /// The largest `limit` a query may ask for.
        public static let maximumLimit = 1000

        public init(limit: Int = 100, provider: String? = nil, outcome: RequestOutcome? = nil, since: Date? = nil) {
            self.limit = min(max(limit, 0), Self.maximumLimit)
            self.provider = provider
            self.outcome = outcome
            self.since = since
        }
    }

    /// What `GET /api/database/stats` reports.
    public struct Stats: Sendable, Hashable, Codable {
        public var rows: Int
        /// The database file and its write-ahead log, as they are on disk.
        public var bytes: Int64
        public var oldest: Date?
        public var newest: Date?
    }

    /// The rows `query` selects, newest first.
    public func requests(_ query: Query) async throws(RequestLogError) -> [RequestRow] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let provider = query.provider {
            conditions.append("provider = ?")
            _ = arguments.append(contentsOf: [provider])
        }
        if let outcome = query.outcome {
            conditions.append("outcome = ?")
            _ = arguments.append(contentsOf: [outcome.rawValue])
        }
        if let since = query.since {
            conditions.append("at >= ?")
            _ = arguments.append(contentsOf: [RequestRow.milliseconds(since)])
        }
        _ = arguments.append(contentsOf: [query.limit])
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT id, at, provider, outcome, attempts, latency_us, fault, prompt, answer
            FROM requests \(filter) ORDER BY id DESC LIMIT ?
            """
        let path = path
        let bound = arguments
        return try await RequestLogError.mapping(path: path) {
            try await pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: bound).map { row throws(RequestLogError) in
                    try Self.requestRow(row, path: path)
                }
            }
        }
    }

    /// Rows, bytes on disk, and the oldest and newest request times.
    public func stats() async throws(RequestLogError) -> Stats {
        let (rows, oldest, newest) = try await RequestLogError.mapping(path: path) {
            try await pool.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT count(*), min(at), max(at) FROM requests")
                let count: Int = row?[0] ?? 0
                let oldest: Int64? = row?[1]
                let newest: Int64? = row?[2]
                return (count, oldest, newest)
            }
        }
        return Stats(rows: rows, bytes: bytesOnDisk(),
                     oldest: oldest.map(RequestRow.date(milliseconds:)), newest: newest.map(RequestRow.date(milliseconds:)))
    }

    /// The size of the database file plus its write-ahead log.
    public func bytesOnDisk() -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
            return total + (size ?? 0)
        }
    }

    /// Bytes the rows and their index take in the database's pages, free pages left out.
    public func bytesInUse() async throws(RequestLogError) -> Int64 {
        try await RequestLogError.mapping(path: path) {
            try await pool.read { db in
                let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                return (pages - free) * size
            }
        }
    }

    private static func requestRow(_ row: Row, path: String) throws(RequestLogError) -> RequestRow {
        let outcomeText: String = row["outcome"]
        guard let outcome = RequestOutcome(rawValue: outcomeText) else {
            throw .database(path: path, message: "unknown outcome `\(outcomeText)` in row \(row["id"] as Int64)")
        }
        let latency: Int64 = row["latency_us"]
        return RequestRow(id: row["id"], at: RequestRow.date(milliseconds: row["at"]), provider: row["provider"],
                          outcome: outcome, attempts: row["attempts"], latency: TimeSpan(nanoseconds: latency * 1000),
                          fault: row["fault"], prompt: row["prompt"], answer: row["answer"])
    }
}
