import AirmFuzzing
import Foundation
import Testing

/// Every file of the committed fuzz corpus goes through its target, as the fuzzer ran it
/// (docs/architecture.md "Fuzzing"): a trap fails the test run.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(_ target: FuzzTarget) -> [URL] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func corpusReplays(target: FuzzTarget) throws {
        let files = Self.files(target)
        #expect(files.count >= 5, "Tests/Fuzz/\(target.rawValue) holds the target's seeds")
        for file in files {
            target.run(Array(try Data(contentsOf: file)))
        }
    }
}
