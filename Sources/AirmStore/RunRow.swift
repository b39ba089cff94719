import AirmEngine

/// One stored run: what it was, its verdict and its headline figures.
///
/// Its `Codable` form (snake_case keys) is what `airm history --json` prints. The experiment file's
/// text is never stored, only its `fileHash`.
public struct RunRow: Sendable, Codable, Equatable {
    /// Assigned by the store; increases with every recorded run.
    public var id: Int64
    public var experiment: String
    public var file: String
    /// SHA-256 of the experiment file's text, lowercase hex.
    public var fileHash: String
    public var seed: UInt64
    public var mode: String
    /// `passed`, `failed`, `error` or `interrupted`.
    public var verdict: String
    /// ISO 8601, UTC, as in the result.
    public var startedAt: String
    public var durationMs: Double
    public var airmVersion: String
    /// The commit checked out where the experiment file lives, when it is in a git repository.
    public var gitCommit: String?
    /// Whether the experiment file differed from `gitCommit` when it ran (a dirty work tree);
    /// nil when unknown: outside a repository, without `git`, or recorded before schema version 2.
    public var gitDirty: Bool?
    public var requests: Int
    /// `summary.failed`; nil for runs recorded before schema version 2.
    public var failed: Int?
    public var successRate: Double
    public var availability: Double
    /// `summary.latency_ms.p50`; nil for runs recorded before schema version 2.
    public var p50Ms: Double?
    public var p95Ms: Double
    public var p99Ms: Double
    /// The first entry of `timeToOpenAllMs` that has a value.
    public var timeToOpenMs: Double?
    /// Per fault, in the result's order: from its start to the next transition to `open`; nil when none followed.
    public var timeToOpenAllMs: [Double?]
    /// The first entry of `timeToCloseAllMs` that has a value.
    public var timeToCloseMs: Double?
    /// Per fault, in the result's order: from its end to the next transition to `closed`; nil when none followed.
    public var timeToCloseAllMs: [Double?]

    enum CodingKeys: String, CodingKey {
        case id, experiment, file, seed, mode, verdict, requests, availability
        case fileHash = "file_hash"
        case startedAt = "started_at"
        case durationMs = "duration_ms"
        case airmVersion = "airm_version"
        case gitCommit = "git_commit"
        case gitDirty = "git_dirty"
        case failed
        case p50Ms = "p50_ms"
        case successRate = "success_rate"
        case p95Ms = "p95_ms"
        case p99Ms = "p99_ms"
        case timeToOpenMs = "time_to_open_ms"
        case timeToOpenAllMs = "time_to_open_all_ms"
        case timeToCloseMs = "time_to_close_ms"
        case timeToCloseAllMs = "time_to_close_all_ms"
    }

    public init(id: Int64, experiment: String, file: String, fileHash: String, seed: UInt64, mode: String,
                verdict: String, startedAt: String, durationMs: Double, airmVersion: String, gitCommit: String?,
                requests: Int, successRate: Double, availability: Double, p95Ms: Double, p99Ms: Double,
                timeToOpenAllMs: [Double?], timeToCloseAllMs: [Double?],
                p50Ms: Double? = nil, failed: Int? = nil, gitDirty: Bool? = nil) {
        self.id = id
        self.experiment = experiment
        self.file = file
        self.fileHash = fileHash
        self.seed = seed
        self.mode = mode
        self.verdict = verdict
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.airmVersion = airmVersion
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.requests = requests
        self.failed = failed
        self.successRate = successRate
        self.availability = availability
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.p99Ms = p99Ms
        self.timeToOpenAllMs = timeToOpenAllMs
        self.timeToOpenMs = timeToOpenAllMs.lazy.compactMap { $0 }.first
        self.timeToCloseAllMs = timeToCloseAllMs
        self.timeToCloseMs = timeToCloseAllMs.lazy.compactMap { $0 }.first
    }

    /// The row a result becomes once recorded; `id` is 0 until the store assigns one.
    public init(result: RunResult, gitCommit: String?, gitDirty: Bool? = nil, id: Int64 = 0) {
        self.init(
            id: id, experiment: result.experiment.name, file: result.experiment.file,
            fileHash: ContentHash.sha256(result.source), seed: result.experiment.seed, mode: result.experiment.mode.rawValue,
            verdict: result.verdict.rawValue, startedAt: result.startedAt, durationMs: result.experiment.durationMs,
            airmVersion: result.airmVersion, gitCommit: gitCommit, requests: result.summary.requests,
            successRate: result.summary.successRate, availability: result.summary.availability,
            p95Ms: result.summary.latencyMs.p95, p99Ms: result.summary.latencyMs.p99,
            timeToOpenAllMs: BreakerTimings.timeToOpen(result), timeToCloseAllMs: BreakerTimings.timeToClose(result),
            p50Ms: result.summary.latencyMs.p50, failed: result.summary.failed, gitDirty: gitDirty)
    }

    /// The first 7 characters of the commit, or nil.
    public var shortCommit: String? { gitCommit.map { String($0.prefix(7)) } }

    /// The short commit with `+dirty` when the file differed from it (`abc1234+dirty`), or nil.
    public var commitLabel: String? { shortCommit.map { gitDirty == true ? $0 + "+dirty" : $0 } }
}

// MARK: - Encoding

extension RunRow {
    /// Encodes every key, absent values as `null`, so the JSON shape does not depend on the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(experiment, forKey: .experiment)
        try container.encode(file, forKey: .file)
        try container.encode(fileHash, forKey: .fileHash)
        try container.encode(seed, forKey: .seed)
        try container.encode(mode, forKey: .mode)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(airmVersion, forKey: .airmVersion)
        try container.encode(gitCommit, forKey: .gitCommit)
        try container.encode(gitDirty, forKey: .gitDirty)
        try container.encode(requests, forKey: .requests)
        try container.encode(failed, forKey: .failed)
        try container.encode(successRate, forKey: .successRate)
        try container.encode(availability, forKey: .availability)
        try container.encode(p50Ms, forKey: .p50Ms)
        try container.encode(p95Ms, forKey: .p95Ms)
        try container.encode(p99Ms, forKey: .p99Ms)
        try container.encode(timeToOpenMs, forKey: .timeToOpenMs)
        try container.encode(timeToOpenAllMs, forKey: .timeToOpenAllMs)
        try container.encode(timeToCloseMs, forKey: .timeToCloseMs)
        try container.encode(timeToCloseAllMs, forKey: .timeToCloseAllMs)
    }
}
