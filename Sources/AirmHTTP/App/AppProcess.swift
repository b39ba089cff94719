import Foundation

/// The application under test as a child process (docs/app-mode.md "The app as a process").
///
/// It runs `command` with `/bin/sh -c` in its own process group, in `directory`, with
/// `environment`, its standard output and error appended to one log file. `stop(grace:)` sends
/// SIGTERM to the group, then SIGKILL when it has not exited within the grace.
public final class AppProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured and started in `start` before the value is
    // shared; afterwards only its thread-safe members (`isRunning`, `terminationStatus`,
    // `processIdentifier`) are read, and signals are sent with kill(2).
    private let process: Process
    private let log: FileHandle
    public let logPath: String

    private init(process: Process, log: FileHandle, logPath: String) {
        self.process = process
        self.log = log
        self.logPath = logPath
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreateLog(String)
        case cannotStart(String, String)

        public var description: String {
            switch self {
            case .cannotCreateLog(let path): "cannot write the app's log to \(path)"
            case .cannotStart(let command, let reason): "cannot start `\(command)`: \(reason)"
            }
        }
    }

    /// Starts `command`; its output goes to `logPath` (created or truncated).
    public static func start(command: String, environment: [String: String], directory: String, logPath: String) throws -> AppProcess {
        let folder = (logPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else { throw Failure.cannotCreateLog(logPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec` lets a simple command replace the shell, so signals reach the app itself;
        // the process group catches what a compound command starts.
        process.arguments = ["-c", "exec " + command]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? log.close()
            throw Failure.cannotStart(command, "\(error)")
        }
        let pid = process.processIdentifier
        setpgid(pid, pid)
        return AppProcess(process: process, log: log, logPath: logPath)
    }

    public var isRunning: Bool { process.isRunning }
    public var pid: Int32 { process.processIdentifier }

    /// The exit status, once the process has exited.
    public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// SIGTERM, then SIGKILL after `grace`; returns once the process has exited.
    public func stop(grace: Duration = .seconds(5)) async {
        if process.isRunning {
            signalGroup(SIGTERM)
            let deadline = ContinuousClock.now + grace
            while process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if process.isRunning { signalGroup(SIGKILL) }
            while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        // Whatever the app left behind in its group goes too.
        kill(-process.processIdentifier, SIGKILL)
        try? log.close()
    }

    private func signalGroup(_ signal: Int32) {
        let pid = process.processIdentifier
        if kill(-pid, signal) != 0 { kill(pid, signal) }
    }
}
