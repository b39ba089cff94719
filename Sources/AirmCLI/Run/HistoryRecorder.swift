import AirmEngine
import AirmReports
import AirmStore

/// The history side of `airm run`: earlier runs for the HTML trend, then this run's rows.
struct HistoryRecorder {
    let location: HistoryLocation

    /// Earlier runs of each experiment, oldest first, or nothing when the history cannot be read
    /// (the error is reported when recording).
    func trends(for results: [RunResult]) async -> [String: [TrendPoint]] {
        guard let store = try? await location.openForReading() else { return [:] }
        var trends: [String: [TrendPoint]] = [:]
        for result in results {
            trends[result.experiment.name] = (try? await store.trendPoints(experiment: result.experiment.name)) ?? []
        }
        await store.close()
        return trends
    }

    /// Records every result, each in its own transaction, after checking the store (SQLite's
    /// `quick_check`, the server's schema version): a damaged store is reported, not written to.
    /// `files` maps experiment names to absolute paths.
    func record(_ results: [RunResult], files: [String: String]) async throws(HistoryError) {
        guard !results.isEmpty else { return }
        let store = try await location.openForWriting()
        do {
            try await store.checkBeforeWriting()
            for result in results {
                let file = files[result.experiment.name]
                let commit = file.flatMap(GitCommit.find(forFileAt:))
                let dirty = commit == nil ? nil : file.flatMap(GitCommit.differs(forFileAt:))
                _ = try await store.record(result, gitCommit: commit, gitDirty: dirty)
            }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
