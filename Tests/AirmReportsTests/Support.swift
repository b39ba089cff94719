import Foundation
import Testing

/// Golden files, schema locations and external tools for the report tests.
enum Support {
    // MARK: - Goldens

    /// Compares `actual` with the golden file `name`; with `AIRM_RECORD_GOLDENS=1`, rewrites it instead.
    static func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["AIRM_RECORD_GOLDENS"] == "1" {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/\(name)")
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Goldens"),
                               "missing golden \(name); record it with AIRM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from Goldens/\(name); re-record with AIRM_RECORD_GOLDENS=1 if the change is intended",
                sourceLocation: sourceLocation)
    }

    // MARK: - Schemas

    /// `shared/schemas` next to the repository (as CI lays it out), else `/work/shared/schemas`.
    static var schemasDirectory: URL? {
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // AirmReportsTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
        let candidates = [
            repoRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas"),
            URL(fileURLWithPath: "/work/shared/schemas"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("junit-10.xsd").path) }
    }

    // MARK: - Tools

    /// The `xmllint` executable on `PATH`, if installed.
    static let xmllint: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `xmllint --noout --schema` on `xml`; returns its exit status and output.
    static func validate(_ xml: String, schema: URL) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airm-junit-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint ?? "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", schema.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
