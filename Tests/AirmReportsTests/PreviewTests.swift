import AirmSpec
import AirmReports
import Foundation
import Testing

/// Writes the fixtures' reports to `AIRM_REPORT_PREVIEW_DIR` for looking at them in a browser.
@Suite struct PreviewTests {
    static let directory = ProcessInfo.processInfo.environment["AIRM_REPORT_PREVIEW_DIR"]

    @Test(.enabled(if: directory != nil, "set AIRM_REPORT_PREVIEW_DIR to write preview reports"))
    func writePreviews() throws {
        let dir = URL(fileURLWithPath: try #require(Self.directory))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try HTMLReporter.render(Fixtures.outage, history: Fixtures.history).write(to: dir.appendingPathComponent("outage.html"), atomically: true, encoding: .utf8)
        try HTMLReporter.render(Fixtures.hour).write(to: dir.appendingPathComponent("hour.html"), atomically: true, encoding: .utf8)
        try HTMLReporter.render(Fixtures.hostile).write(to: dir.appendingPathComponent("hostile.html"), atomically: true, encoding: .utf8)
        var flapping = Fixtures.hour
        flapping.transitions = (0..<3000).map { k in
            let states: [BreakerState] = [.closed, .open, .halfOpen]
            return .init(provider: "gemini", atMs: 1_800_000 + Double(k) * 400, from: states[k % 3], to: states[(k + 1) % 3], reason: "flapping")
        }
        try HTMLReporter.render(flapping).write(to: dir.appendingPathComponent("flapping.html"), atomically: true, encoding: .utf8)
        try JUnitReporter.render([Fixtures.outage, Fixtures.hour]).write(to: dir.appendingPathComponent("junit.xml"), atomically: true, encoding: .utf8)
        try MarkdownReporter.render([Fixtures.outage, Fixtures.hour]).write(to: dir.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8)
    }
}
