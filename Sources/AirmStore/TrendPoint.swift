/// One earlier run of an experiment, as the HTML report's trend shows it.
public struct TrendPoint: Sendable, Codable, Equatable {
    public var id: Int64
    public var startedAt: String
    public var verdict: String
    public var successRate: Double
    public var p99Ms: Double
    public var timeToOpenMs: Double?
    public var gitCommit: String?

    enum CodingKeys: String, CodingKey {
        case id, verdict
        case startedAt = "started_at"
        case successRate = "success_rate"
        case p99Ms = "p99_ms"
        case timeToOpenMs = "time_to_open_ms"
        case gitCommit = "git_commit"
    }

    public init(id: Int64, startedAt: String, verdict: String, successRate: Double, p99Ms: Double,
                timeToOpenMs: Double?, gitCommit: String?) {
        self.id = id
        self.startedAt = startedAt
        self.verdict = verdict
        self.successRate = successRate
        self.p99Ms = p99Ms
        self.timeToOpenMs = timeToOpenMs
        self.gitCommit = gitCommit
    }

    public init(_ row: RunRow) {
        self.init(id: row.id, startedAt: row.startedAt, verdict: row.verdict, successRate: row.successRate,
                  p99Ms: row.p99Ms, timeToOpenMs: row.timeToOpenMs, gitCommit: row.gitCommit)
    }
}

// MARK: - Encoding

extension TrendPoint {
    /// Encodes every key, absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(successRate, forKey: .successRate)
        try container.encode(p99Ms, forKey: .p99Ms)
        try container.encode(timeToOpenMs, forKey: .timeToOpenMs)
        try container.encode(gitCommit, forKey: .gitCommit)
    }
}
