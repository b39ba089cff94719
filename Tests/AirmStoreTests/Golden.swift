import Foundation
import Testing

/// Compares output with a checked-in file under `Goldens/`; `AIRM_RECORD_GOLDENS=1` rewrites the file instead.
enum Golden {
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["AIRM_RECORD_GOLDENS"] == "1" {
            do {
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("cannot record golden \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(name); run with AIRM_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == String(decoding: data, as: UTF8.self), sourceLocation: sourceLocation)
    }
}
