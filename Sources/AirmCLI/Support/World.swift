import AirmSpec
import Foundation

/// All process state a command touches: environment, working directory, output streams and the clock.
///
/// Commands read it from `World.current`, so tests run them in-process against a captured world.
public struct World: Sendable {
    /// Receives text written to standard output or standard error.
    public typealias Sink = @Sendable (String) -> Void

    public var environment: [String: String]
    /// Relative paths resolve against this directory.
    public var currentDirectory: String
    public var stdout: Sink
    public var stderr: Sink
    /// Whether stdout is a terminal (progress lines, colour).
    public var isTerminal: Bool
    public var now: @Sendable () -> Date
    /// `--color`; `auto` follows `isTerminal` and `NO_COLOR`.
    public var color: ColorChoice = .auto
    /// Reads the experiment given as `-`, shown under the name passed in.
    public var standardInput: @Sendable (String) -> ExperimentSource.Outcome = { ExperimentSource.readStandardInput(shownAs: $0) }

    public init(environment: [String: String], currentDirectory: String, stdout: @escaping Sink,
                stderr: @escaping Sink, isTerminal: Bool = false, now: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdout = stdout
        self.stderr = stderr
        self.isTerminal = isTerminal
        self.now = now
    }

    /// The real process: its environment, directory, streams and clock.
    ///
    /// A stream whose reader has gone stops taking output; nothing else changes (`ConsoleStream`).
    public static var process: World {
        World(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            stdout: { text in ConsoleStream.standardOutput.write(text) },
            stderr: { text in ConsoleStream.standardError.write(text) },
            isTerminal: isatty(STDOUT_FILENO) == 1
        )
    }

    @TaskLocal public static var current: World = .process

    // MARK: - Conveniences

    public func print(_ line: String = "") { stdout(line + "\n") }
    public func printError(_ line: String) { stderr(line + "\n") }

    /// An absolute path for `path`, resolved against `currentDirectory`.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: currentDirectory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// `--color always` or `never` decides; otherwise colour only on a terminal and never when
    /// `NO_COLOR` is set (https://no-color.org).
    public var usesColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: isTerminal && environment["NO_COLOR"] == nil
        }
    }
}
