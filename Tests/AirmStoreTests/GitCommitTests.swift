import Foundation
import Testing
@testable import AirmStore

@Suite struct GitCommitTests {
    static let commit = "0123456789abcdef0123456789abcdef01234567"
    static let other = "fedcba9876543210fedcba9876543210fedcba98"

    /// A repository at `root` whose experiment file sits two directories down.
    private func makeRepository(head: String, files: [String: String] = [:]) throws -> (root: URL, file: String) {
        let root = try Fixtures.temporaryDirectory()
        try write("HEAD", head, under: root.appendingPathComponent(".git"))
        for (path, text) in files { try write(path, text, under: root.appendingPathComponent(".git")) }
        let experiments = root.appendingPathComponent("experiments/failing")
        try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
        let file = experiments.appendingPathComponent("outage.yaml")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data("version: 1\n".utf8))
        return (root, file.path)
    }

    private func write(_ path: String, _ text: String, under directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: - Layouts

    @Test func branchRef() throws {
        let repo = try makeRepository(head: "ref: refs/heads/main\n", files: ["refs/heads/main": Self.commit + "\n"])
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == Self.commit)
    }

    @Test func packedRefs() throws {
        let packed = """
            # pack-refs with: peeled fully-peeled sorted
            \(Self.other) refs/heads/feature
            \(Self.commit) refs/heads/main
            \(Self.other) refs/tags/v1
            ^\(Self.other)

            """
        let repo = try makeRepository(head: "ref: refs/heads/main\n", files: ["packed-refs": packed])
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == Self.commit)
    }

    @Test func looseRefWinsOverPackedRef() throws {
        let repo = try makeRepository(head: "ref: refs/heads/main\n", files: [
            "refs/heads/main": Self.commit + "\n",
            "packed-refs": "\(Self.other) refs/heads/main\n",
        ])
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == Self.commit)
    }

    @Test func detachedHead() throws {
        let repo = try makeRepository(head: Self.commit.uppercased() + "\n")
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == Self.commit)
    }

    @Test func worktreeGitdirFile() throws {
        let main = try makeRepository(head: "ref: refs/heads/main\n", files: [
            "refs/heads/main": Self.other + "\n",
            "packed-refs": "\(Self.commit) refs/heads/feature\n",
            "worktrees/feature/HEAD": "ref: refs/heads/feature\n",
            "worktrees/feature/commondir": "../..\n",
        ])
        defer { try? FileManager.default.removeItem(at: main.root) }
        let worktree = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: worktree) }
        let gitdir = main.root.appendingPathComponent(".git/worktrees/feature").path
        try Data("gitdir: \(gitdir)\n".utf8).write(to: worktree.appendingPathComponent(".git"))
        let file = worktree.appendingPathComponent("experiments/outage.yaml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file.path, contents: Data())
        #expect(GitCommit.find(forFileAt: file.path) == Self.commit)
        #expect(GitCommit.find(forFileAt: main.file) == Self.other)
    }

    @Test func relativeGitdirFile() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("HEAD", Self.commit + "\n", under: root.appendingPathComponent("store/modules/sub"))
        try write(".git", "gitdir: ../store/modules/sub\n", under: root.appendingPathComponent("checkout"))
        #expect(GitCommit.find(forFileAt: root.appendingPathComponent("checkout/a.yaml").path) == Self.commit)
    }

    // MARK: - No commit

    @Test func unbornBranchHasNoCommit() throws {
        let repo = try makeRepository(head: "ref: refs/heads/main\n")
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == nil)
    }

    @Test func garbageHeadHasNoCommit() throws {
        let repo = try makeRepository(head: "not a ref\n")
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.find(forFileAt: repo.file) == nil)
    }
}

extension GitCommitTests {
    @Test func outsideARepositoryHasNoCommit() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(GitCommit.find(forFileAt: directory.appendingPathComponent("a.yaml").path) == nil)
    }
}
