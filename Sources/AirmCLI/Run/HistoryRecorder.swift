import AirmEngine
import AirmReports
import AirmStore

/// The history side of `airm run`: earlier runs for the HTML trend, then this run's rows.
struct HistoryRecorder {
    let path: String

    /// Earlier runs of each experiment, oldest first, or nothing when the history cannot be read
    /// (the error is reported when recording).
    func trends(for results: [RunResult]) -> [String: [TrendPoint]] {
        guard let store = try? HistoryStore(readingFrom: path) else { return [:] }
        var trends: [String: [TrendPoint]] = [:]
        for result in results {
            trends[result.experiment.name] = (try? store.trend(experiment: result.experiment.name)) ?? []
        }
        return trends
    }

    /// Records every result, each in its own transaction, after a `quick_check` of the file:
    /// a damaged file is reported, not written to. `files` maps experiment names to absolute paths.
    func record(_ results: [RunResult], files: [String: String]) throws(HistoryError) {
        guard !results.isEmpty else { return }
        let store = try HistoryStore(path: path)
        try store.quickCheck()
        for result in results {
            let file = files[result.experiment.name]
            let commit = file.flatMap(GitCommit.find(forFileAt:))
            let dirty = commit == nil ? nil : file.flatMap(GitCommit.differs(forFileAt:))
            try store.record(result, gitCommit: commit, gitDirty: dirty)
        }
    }
}
