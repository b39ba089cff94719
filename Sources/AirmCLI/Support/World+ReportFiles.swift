import Foundation

extension World {
    /// Writes `data` to `path` through a temporary file and a rename, so a reader never sees a
    /// half-written report, and adds `path` to `written`; `-` means standard output.
    func saveReport(_ data: Data, to path: String, _ written: inout [String]) throws {
        if path == "-" {
            stdout(String(decoding: data, as: UTF8.self))
            return
        }
        let url = URL(fileURLWithPath: resolve(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        written.append(path)
    }

    /// Appends `text` and a newline to `path` (a job summary such as `GITHUB_STEP_SUMMARY`),
    /// creating the file when missing.
    func appendLine(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: resolve(path))
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data().write(to: url)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((text + "\n").utf8))
    }
}
