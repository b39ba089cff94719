import Foundation
import Testing
@testable import AirmStore

private let hasGit = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
    || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/git")

/// `GitCommit.differs`: whether the experiment file differs from the commit, in a real repository.
@Suite(.enabled(if: hasGit, "needs the git binary"))
struct GitWorkTreeTests {
    /// A repository with `experiments/outage.yaml` committed.
    private func makeRepository() throws -> (root: URL, file: String) {
        let root = try Fixtures.temporaryDirectory()
        let experiments = root.appendingPathComponent("experiments")
        try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
        let file = experiments.appendingPathComponent("outage.yaml").path
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        try git(["init", "--quiet"], in: root)
        try git(["add", "experiments/outage.yaml"], in: root)
        try git(["-c", "user.name=airm", "-c", "user.email=airm@example.invalid", "commit", "--quiet", "-m", "outage"], in: root)
        return (root, file)
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func aCommittedFileIsClean() throws {
        let repo = try makeRepository()
        defer { try? FileManager.default.removeItem(at: repo.root) }
        #expect(GitCommit.differs(forFileAt: repo.file) == false)
        #expect(GitCommit.find(forFileAt: repo.file) != nil)
    }

    @Test func anEditedFileIsDirty() throws {
        let repo = try makeRepository()
        defer { try? FileManager.default.removeItem(at: repo.root) }
        try Data("version: 1\nname: edited\n".utf8).write(to: URL(fileURLWithPath: repo.file))
        #expect(GitCommit.differs(forFileAt: repo.file) == true)
    }

    @Test func anUntrackedFileIsDirty() throws {
        let repo = try makeRepository()
        defer { try? FileManager.default.removeItem(at: repo.root) }
        let file = repo.root.appendingPathComponent("experiments/new.yaml").path
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(GitCommit.differs(forFileAt: file) == true)
        #expect(GitCommit.differs(forFileAt: repo.file) == false)
    }

    @Test func outsideARepositoryIsUnknown() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("outage.yaml").path
        try Data("version: 1\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(GitCommit.differs(forFileAt: file) == nil)
    }
}
