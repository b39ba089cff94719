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
        try JUnitReporter.render([Fixtures.outage, Fixtures.hour]).write(to: dir.appendingPathComponent("junit.xml"), atomically: true, encoding: .utf8)
        try MarkdownReporter.render([Fixtures.outage, Fixtures.hour]).write(to: dir.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8)
    }
}
