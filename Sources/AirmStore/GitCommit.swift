import Foundation

/// Finds the commit checked out where a file lives, by reading `.git` directly (no `git` binary).
///
/// Handles a normal repository, a linked worktree or submodule (`.git` is a file `gitdir: …`),
/// branch refs stored loose or in `packed-refs`, and a detached `HEAD`.
public enum GitCommit {
    /// The commit of the repository containing `path`, as lowercase hex (40 digits, or 64 in a
    /// SHA-256 repository); nil outside a repository, on an unborn branch, or when anything is unreadable.
    public static func find(forFileAt path: String) -> String? {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        var directory = file.deletingLastPathComponent()
        while true {
            if let layout = Layout(dotGit: directory.appendingPathComponent(".git")) {
                return layout.headCommit()
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    // MARK: - Repository layout

    /// Where HEAD lives (`gitDir`) and where shared refs live (`commonDir`; differs for worktrees).
    struct Layout {
        var gitDir: URL
        var commonDir: URL

        init?(dotGit: URL) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue {
                gitDir = dotGit
            } else {
                guard let text = GitCommit.read(dotGit), text.hasPrefix("gitdir:") else { return nil }
                let target = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                gitDir = GitCommit.resolve(target, relativeTo: dotGit.deletingLastPathComponent())
            }
            if let common = GitCommit.read(gitDir.appendingPathComponent("commondir")) {
                commonDir = GitCommit.resolve(common.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: gitDir)
            } else {
                commonDir = gitDir
            }
        }

        func headCommit() -> String? {
            guard let head = GitCommit.read(gitDir.appendingPathComponent("HEAD")) else { return nil }
            return resolve(head.trimmingCharacters(in: .whitespacesAndNewlines), depth: 0)
        }

        /// Follows `ref: …` chains (at most 5 deep) down to a commit id.
        private func resolve(_ content: String, depth: Int) -> String? {
            if GitCommit.isCommitID(content) { return content.lowercased() }
            guard content.hasPrefix("ref:"), depth < 5 else { return nil }
            let name = content.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
            for directory in [gitDir, commonDir] {
                if let loose = GitCommit.read(directory.appendingPathComponent(name)) {
                    return resolve(loose.trimmingCharacters(in: .whitespacesAndNewlines), depth: depth + 1)
                }
            }
            return packedRef(name)
        }

        /// Looks a ref up in `packed-refs`: lines of `<id> <name>`, with `#` headers and `^` peeled tags.
        private func packedRef(_ name: String) -> String? {
            guard let text = GitCommit.read(commonDir.appendingPathComponent("packed-refs")) else { return nil }
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") && !line.hasPrefix("^") {
                let parts = line.split(separator: " ", maxSplits: 1)
                if parts.count == 2, parts[1] == name, GitCommit.isCommitID(String(parts[0])) {
                    return parts[0].lowercased()
                }
            }
            return nil
        }
    }

    // MARK: - Helpers

    static func isCommitID(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }

    static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    static func resolve(_ path: String, relativeTo base: URL) -> URL {
        path.hasPrefix("/")
            ? URL(fileURLWithPath: path).standardizedFileURL
            : base.appendingPathComponent(path).standardizedFileURL
    }
}
