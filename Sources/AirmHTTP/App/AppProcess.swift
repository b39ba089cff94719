#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The application under test as a child process (docs/app-mode.md "A run, step by step").
///
/// It runs `command` with `/bin/sh -c` in its own process group, in `directory`, with
/// `environment`, its standard output and error appended to one log file. It starts with every
/// signal at its default action and none blocked, whatever airm itself ignores while it runs.
/// `stop(grace:)` sends SIGTERM to the group, then SIGKILL when it has not exited in time.
public final class AppProcess: Sendable {
    public let pid: pid_t
    public let logPath: String
    private let state = ExitState()

    private init(pid: pid_t, logPath: String) {
        self.pid = pid
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
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else { throw Failure.cannotCreateLog(logPath) }

        // The app must not inherit airm's descriptors: a fake's listening socket held open by the
        // child would keep accepting connections while the fake is down.
        markDescriptorsCloseOnExec()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        // `exec` lets a simple command replace the shell, so signals reach the app itself;
        // the process group catches what a compound command starts.
        let isSimple = !command.contains { ";&|\n()`".contains($0) }
        let quoted = "'" + directory.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let arguments = ["/bin/sh", "-c", "cd \(quoted) || exit 127\n" + (isSimple ? "exec " + command : command)]
        let variables = environment.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let status = withCStrings(arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        }
        guard status == 0 else { throw Failure.cannotStart(command, String(cString: strerror(status))) }
        return AppProcess(pid: pid, logPath: logPath)
    }

    /// Whether the process is still running (it is reaped the first time it is seen to have exited).
    public var isRunning: Bool { exitStatus == nil }

    /// The exit status (or 128 + the signal that ended it), once the process has exited.
    public var exitStatus: Int32? {
        state.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let signal = status & 0x7f
            known = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return known
        }
    }

    /// SIGTERM, then SIGKILL after `grace`; returns once the process has exited.
    public func stop(grace: Duration = .seconds(5)) async {
        if isRunning {
            kill(-pid, SIGTERM)
            let deadline = ContinuousClock.now + grace
            while isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if isRunning { kill(-pid, SIGKILL) }
            while isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        // Whatever the app left behind in its group goes too.
        kill(-pid, SIGKILL)
    }
}

/// The exit status once known, behind a lock: `waitpid` reaps a child only once.
private final class ExitState: @unchecked Sendable {
    // @unchecked Sendable: `value` is only read and written inside `lock`.
    private let lock = NSLock()
    private var value: Int32?

    func withLock<T>(_ body: (inout Int32?) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// Sets close-on-exec on every open descriptor above standard error.
private func markDescriptorsCloseOnExec() {
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for name in open {
        guard let fd = Int32(name), fd > 2 else { continue }
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
}

/// Runs `body` with `strings` as a NULL-terminated C array.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
