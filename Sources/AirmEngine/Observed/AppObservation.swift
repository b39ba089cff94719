import AirmSpec

/// What an app-mode run saw of the application beyond its metrics (docs/result-format.md "app").
public struct AppObservation: Sendable, Codable, Equatable {
    /// Answers per HTTP status class (`2xx` … `5xx`), and `none` for requests with no answer.
    public var statusClasses: [String: Int]
    /// Where the app's output went, when airm started it.
    public var log: String?
    /// The breaker sources of the run: `inferred`, and `prometheus` or `json` when configured.
    public var sources: [String]
    /// The source breaker checks judged.
    public var judged: String
    /// Where the sources disagree, one readable line each.
    public var disagreements: [String]
    /// The wall-clock time of the run's time zero, in milliseconds since 1970: what relates the
    /// app's own timestamps to the result's times.
    public var originUnixMs: Double?
    /// Polls of the app's status endpoint, and how many of them failed.
    public var polls: Int?
    public var failedPolls: Int?

    enum CodingKeys: String, CodingKey {
        case log, sources, judged, disagreements, polls
        case statusClasses = "status_classes"
        case failedPolls = "failed_polls"
        case originUnixMs = "origin_unix_ms"
    }

    public init(statusClasses: [String: Int], log: String?, sources: [String], judged: String, disagreements: [String],
                polls: Int? = nil, failedPolls: Int? = nil) {
        self.statusClasses = statusClasses
        self.log = log
        self.sources = sources
        self.judged = judged
        self.disagreements = disagreements
        self.polls = polls
        self.failedPolls = failedPolls
    }
}

/// Compares the transitions two sources observed (docs/app-mode.md "When the sources disagree").
public enum ObservedAgreement {
    /// Each opening (to `open`, but not back from `half_open`) and each closing of one source with
    /// no transition to the same state of the same provider in the other within `tolerance`, as a
    /// readable line. Probes are left out, `half_open` and the return to `open` after it: a status
    /// endpoint polled at an interval may never see a probe of one call.
    public static func disagreements(_ first: [TransitionRecord], _ firstName: String, _ second: [TransitionRecord],
                                     _ secondName: String, tolerance: TimeSpan = .seconds(1)) -> [String] {
        func unmatched(_ these: [TransitionRecord], _ name: String, in other: [TransitionRecord], _ otherName: String) -> [String] {
            these.filter { ($0.to == .open && $0.from != .halfOpen) || $0.to == .closed }.compactMap { record in
                let matched = other.contains { $0.provider == record.provider && $0.to == record.to
                    && abs(($0.at - record.at).nanoseconds) <= tolerance.nanoseconds }
                guard !matched else { return nil }
                let at = Double((record.at.milliseconds / 100).rounded()) / 10
                return "\(record.provider): \(name) saw `\(record.to.rawValue)` at \(at) s; \(otherName) saw no such change within \(tolerance)"
            }
        }
        return unmatched(first, firstName, in: second, secondName) + unmatched(second, secondName, in: first, firstName)
    }
}
