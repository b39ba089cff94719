#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writes console text to a file descriptor until a write fails, then drops the rest.
///
/// A reader that goes away (`airm run | head -1`: EPIPE) or a full disk ends console output
/// only: the run goes on, and its reports, history and exit code are what they would have
/// been. The process ignores SIGPIPE (see `Sources/airm/main.swift`), so a failed write
/// returns an error instead of ending the process.
public final class ConsoleStream: Sendable {
    private let descriptor: Int32
    /// Whether a write has failed; guarded so that concurrent writers never interleave a line.
    private let failed = Mutex(false)

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public static let standardOutput = ConsoleStream(descriptor: STDOUT_FILENO)
    public static let standardError = ConsoleStream(descriptor: STDERR_FILENO)

    /// Whether output has ended because a write failed.
    public var hasEnded: Bool { failed.withLock { $0 } }

    public func write(_ text: String) {
        failed.withLock { failed in
            guard !failed else { return }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { Self.systemWrite(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failed = true
                    return
                }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, pointer, count)
        #else
        Darwin.write(descriptor, pointer, count)
        #endif
    }
}
