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

    /// The `airm` binary built alongside the tests, if it was built.
    static var binary: String? {
        let built = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [built, built.deletingLastPathComponent(), built.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("airm").path }
        let fromBuild = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("airm").path }
        return (candidates + fromBuild).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The repository root, found from this file's path.
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}

extension Process {
    /// Starts the process; the stream gives how it ended. Waiting on it blocks no thread of the
    /// cooperative pool, as `waitUntilExit()` would.
    func runAwaitingExit() throws -> AsyncStream<(reason: TerminationReason, status: Int32)> {
        let (exits, exited) = AsyncStream.makeStream(of: (reason: TerminationReason, status: Int32).self)
        terminationHandler = { ended in
            exited.yield((ended.terminationReason, ended.terminationStatus))
            exited.finish()
        }
        try run()
        return exits
    }
}
