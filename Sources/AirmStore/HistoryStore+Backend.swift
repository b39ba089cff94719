import AirmEngine

// MARK: - The SQLite file as a history back end

extension HistoryStore: HistoryBackend {
    public var location: String { path }

    /// SQLite's `quick_check`.
    public func checkBeforeWriting() throws(HistoryError) {
        try quickCheck()
    }

    /// Nothing to do: the connection closes when the store is released.
    public func close() {}
}
