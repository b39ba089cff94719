import AirmStore
import ArgumentParser

/// `--history FILE`, shared by `run`, `history` and `compare`.
struct HistoryOptions: ParsableArguments {
    @Option(help: "History database (SQLite).")
    var history = HistoryStore.defaultPath

    /// Opens the store for reading, or prints the clear error and ends with exit 3.
    func open(in world: World) throws -> HistoryStore {
        do {
            return try HistoryStore(readingFrom: world.resolve(history))
        } catch {
            world.printError("error: history: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
    }
}
