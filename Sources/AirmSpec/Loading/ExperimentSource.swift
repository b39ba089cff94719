#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads the text of an experiment file, refusing what is not one: devices, FIFOs and
/// sockets (also behind a symlink), files over `maximumBytes`, and text that is not UTF-8.
///
/// The file is opened without blocking and checked on the open descriptor, so a FIFO with no
/// writer or a symlink swapped after a check cannot hang or fool the reader.
public enum ExperimentSource {
    /// The text of a file, or why it was not read.
    public enum Outcome: Sendable {
        case text(String)
        case refused(Diagnostic)
    }

    /// The largest experiment file read: 4 MB (docs/experiment-format.md, "Units").
    public static let maximumBytes = 4 << 20

    /// The text of the file at `path`, or the error to report; `shownAs` is the path as the user wrote it.
    public static func read(_ path: String, shownAs shown: String) -> Outcome {
        let location = SourceLocation(file: shown, line: 1, column: 1)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .refused(.error("cannot read file", at: location, hint: "check that the file exists and is readable"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .refused(.error("cannot read file", at: location)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            return .refused(.error("not a regular file", at: location,
                                   hint: "an experiment is read from a file, not from a device, FIFO or socket"))
        }
        let tooLarge = Diagnostic.error("file is larger than 4 MB", at: location, hint: "an experiment file may be at most 4 MB")
        guard status.st_size <= maximumBytes else { return .refused(tooLarge) }
        let bytes: [UInt8]
        switch readAll(descriptor) {
        case .bytes(let read): bytes = read
        case .tooLarge: return .refused(tooLarge)
        case .failed(let code): return .refused(.error("cannot read file: \(String(cString: strerror(code)))", at: location))
        }
        guard let source = String(data: Data(bytes), encoding: .utf8) else {
            return .refused(.error("file is not UTF-8 text", at: location))
        }
        return .text(source)
    }

    /// The text given on standard input (`-` on the command line): a pipe, a file or a terminal,
    /// read to its end, with the same size limit and UTF-8 check as a file.
    public static func readStandardInput(shownAs shown: String) -> Outcome {
        let location = SourceLocation(file: shown, line: 1, column: 1)
        switch readAll(STDIN_FILENO) {
        case .bytes(let bytes):
            guard let source = String(data: Data(bytes), encoding: .utf8) else {
                return .refused(.error("standard input is not UTF-8 text", at: location))
            }
            return .text(source)
        case .tooLarge:
            return .refused(.error("standard input is larger than 4 MB", at: location, hint: "an experiment file may be at most 4 MB"))
        case .failed(let code):
            return .refused(.error("cannot read standard input: \(String(cString: strerror(code)))", at: location))
        }
    }

    private enum Bytes {
        case bytes([UInt8])
        /// Past `maximumBytes`: the file grew after `fstat`.
        case tooLarge
        case failed(errno: Int32)
    }

    private static func readAll(_ descriptor: Int32) -> Bytes {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failed(errno: errno) }
            if count == 0 { return .bytes(bytes) }
            bytes += buffer[0..<count]
            if bytes.count > maximumBytes { return .tooLarge }
        }
    }

    private static func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, pointer, count)
        #else
        Darwin.read(descriptor, pointer, count)
        #endif
    }
}
