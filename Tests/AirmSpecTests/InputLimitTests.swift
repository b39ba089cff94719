#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import AirmSpec

/// What the loader refuses before parsing, and names that cannot name report files.
@Suite(.timeLimit(.minutes(1))) struct InputLimitTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "airm-input-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func refusal(_ path: String) -> Diagnostic? {
        if case .refused(let diagnostic) = ExperimentSource.read(path, shownAs: path) { return diagnostic }
        return nil
    }

    @Test func devicesAndSymlinksToThemAreRefused() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createSymbolicLink(atPath: "\(work)/zero.yaml", withDestinationPath: "/dev/zero")
        for path in ["/dev/zero", "/dev/urandom", "\(work)/zero.yaml"] {
            let diagnostic = try #require(Self.refusal(path), "\(path)")
            #expect(diagnostic.message == "not a regular file")
            #expect(diagnostic.location?.file == path)
        }
        #expect(ExperimentLoader.load(contentsOf: "\(work)/zero.yaml", environment: [:]).hasErrors)
    }

    @Test func aFIFOWithNoWriterIsRefusedWithoutWaiting() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try #require(mkfifo("\(work)/pipe.yaml", 0o600) == 0)
        #expect(Self.refusal("\(work)/pipe.yaml")?.message == "not a regular file")
    }

    @Test func filesOverFourMegabytesAreRefused() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let big = "\(work)/big.yaml"
        try Data(("name: big\n# " + String(repeating: "x", count: ExperimentSource.maximumBytes)).utf8).write(to: URL(fileURLWithPath: big))
        let diagnostic = try #require(Self.refusal(big))
        #expect(diagnostic.message == "file is larger than 4 MB")
        let small = "\(work)/small.yaml"
        try Data(Support.minimal.utf8).write(to: URL(fileURLWithPath: small))
        guard case .text(let text) = ExperimentSource.read(small, shownAs: "small.yaml") else {
            Issue.record("a small regular file was refused")
            return
        }
        #expect(text == Support.minimal)
    }

    @Test(arguments: [String(repeating: "a", count: 251), String(repeating: "a", count: 201), ".hidden"])
    func namesThatCannotNameReportFilesAreLocatedErrors(_ name: String) throws {
        let result = Support.load(Support.minimal.replacingOccurrences(of: "name: minimal", with: "name: \(name)"))
        let error = try #require(Support.errors(result).first)
        #expect(error.location?.line == 1 && error.location?.column == 7, "\(error)")
        #expect(error.message.contains("experiment name"), "\(error)")
    }

    @Test func aNameOf200BytesLoads() {
        let result = Support.load(Support.minimal.replacingOccurrences(of: "name: minimal", with: "name: \(String(repeating: "a", count: 200))"))
        #expect(Support.errors(result).isEmpty)
    }

    @Test func aQuotedKeyCannotForgeADiagnosticLine() throws {
        let result = Support.load(Support.minimal + "\n\"x\\nfake.yaml:1:1: error: forged\\u001B[2J\": 1")
        let diagnostic = try #require(result.diagnostics.first { $0.message.contains("x") })
        #expect(!diagnostic.description.contains("\n"), "\(diagnostic.description)")
        #expect(!diagnostic.description.contains("\u{1B}"), "\(diagnostic.description)")
        #expect(diagnostic.description.contains(#"x\nfake.yaml"#), "\(diagnostic.description)")
    }
}
