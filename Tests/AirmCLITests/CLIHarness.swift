import AirmCLI
import Foundation
import Synchronization

/// Runs `airm` in-process against a captured world.
struct CLIHarness {
    struct Output {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments` with `directory` as the working directory and `environment` as the whole environment.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async -> Output {
        let out = Mutex("")
        let err = Mutex("")
        var env = environment
        env["NO_COLOR"] = "1"
        let world = World(
            environment: env,
            currentDirectory: directory,
            stdout: { text in out.withLock { $0 += text } },
            stderr: { text in err.withLock { $0 += text } },
            isTerminal: false,
            now: { Date(timeIntervalSince1970: 1_767_225_600) }  // 2026-01-01T00:00:00Z
        )
        let code = await AirmCommand.run(arguments: arguments, world: world)
        return Output(exitCode: code, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }

    /// A fresh temporary directory, removed by the caller with `cleanUp`.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "airm-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The repository root, found from this file's path.
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
