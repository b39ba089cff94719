import AirmStore
import ArgumentParser

/// `--history FILE|URL`, shared by `run`, `history` and `compare` (docs/history.md).
struct HistoryOptions: ParsableArguments {
    /// The environment variable that names the history when `--history` is not given.
    static let environmentVariable = "AIRM_HISTORY_URL"

    @Option(help: ArgumentHelp(
        "History: an SQLite file (default \(HistoryStore.defaultPath)) or a PostgreSQL server, "
            + "postgres://user[:password]@host[:port]/database (sslmode=disable only; password also from PGPASSWORD). "
            + "Default: $\(environmentVariable) when set.",
        valueName: "file-or-url"))
    var history: String?

    /// `--history`, else `AIRM_HISTORY_URL`, else the default file.
    func text(in world: World) -> String {
        if let history { return history }
        if let variable = world.environment[Self.environmentVariable], !variable.isEmpty { return variable }
        return HistoryStore.defaultPath
    }

    /// Where the history is, with a relative file path resolved against the working directory.
    func location(in world: World) throws(HistoryError) -> HistoryLocation {
        try HistoryLocation(text(in: world), environmentPassword: world.environment["PGPASSWORD"],
                            resolve: world.resolve)
    }

    /// Opens the store for reading, or prints the clear error and ends with exit 3.
    func open(in world: World) async throws -> any HistoryBackend {
        do {
            return try await location(in: world).openForReading()
        } catch {
            world.printError("error: history: \(error)")
            throw ExitStatus.exit(ExitStatus.runError)
        }
    }
}
