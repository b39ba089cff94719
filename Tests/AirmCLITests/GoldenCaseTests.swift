import AirmSpec
import Foundation
import Testing

/// Runs every case under `Cases/<case>/` and compares with its goldens.
///
/// A case holds `args` (one argument per line), any input files, and the goldens `stdout`, `stderr`
/// and `exit`. An optional `outputs` file lists files the command writes (one path per line); each
/// is compared with the golden `golden.<path with / as _>`. The command runs in a temporary copy of the case directory. Set
/// `AIRM_RECORD_GOLDENS=1` to re-record the goldens from the current output.
@Suite struct GoldenCaseTests {
    static let casesDirectory = Bundle.module.resourceURL!.appendingPathComponent("Cases")
    static let sourceCasesDirectory = URL(fileURLWithPath: CLIHarness.repositoryRoot)
        .appendingPathComponent("Tests/AirmCLITests/Cases")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: cases)
    func golden(_ name: String) async throws {
        let source = Self.casesDirectory.appendingPathComponent(name)
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(atPath: source.appendingPathComponent(item).path, toPath: work + "/" + item)
        }
        let arguments = try String(contentsOf: source.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let output = await CLIHarness.run(arguments, in: work, environment: ["AIRM_HOSTNAME": "ci-host"])
        var actual = [
            "stdout": normalise(output.stdout),
            "stderr": normalise(output.stderr),
            "exit": "\(output.exitCode)\n",
        ]
        let outputs = (try? String(contentsOf: source.appendingPathComponent("outputs"), encoding: .utf8)) ?? ""
        for path in outputs.split(separator: "\n").map(String.init) {
            let written = (try? String(contentsOfFile: work + "/" + path, encoding: .utf8)) ?? "<missing>"
            actual["golden." + path.replacingOccurrences(of: "/", with: "_")] = normalise(written)
        }
        if ProcessInfo.processInfo.environment["AIRM_RECORD_GOLDENS"] == "1" {
            let target = Self.sourceCasesDirectory.appendingPathComponent(name)
            for (file, text) in actual {
                try text.write(to: target.appendingPathComponent(file), atomically: true, encoding: .utf8)
            }
            return
        }
        for (file, text) in actual.sorted(by: { $0.key < $1.key }) {
            let expected = (try? String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)) ?? ""
            #expect(text == expected, "\(name)/\(file) differs from its golden")
        }
    }

    /// Replaces what legitimately varies between machines and versions.
    private func normalise(_ text: String) -> String {
        text.replacingOccurrences(of: Airm.version, with: "<version>")
    }
}
