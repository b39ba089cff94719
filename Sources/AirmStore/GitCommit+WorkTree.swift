import Foundation

extension GitCommit {
    /// Whether the file at `path` differs from the commit checked out: modified, staged, added or
    /// untracked, as `git status --porcelain -- FILE` reports it.
    ///
    /// Unlike `find(forFileAt:)` this runs the `git` binary, since telling a changed file from an
    /// unchanged one needs the index. Returns nil when `git` is missing or fails, or outside a repository.
    public static func differs(forFileAt path: String) -> Bool? {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "git", "-C", file.deletingLastPathComponent().path,
            "status", "--porcelain", "--untracked-files=all", "--", file.lastPathComponent,
        ]
        var environment = ProcessInfo.processInfo.environment
        for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] { environment[name] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        return !data.isEmpty
    }
}
