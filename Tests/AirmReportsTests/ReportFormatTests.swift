import AirmEngine
import AirmReports
import Testing

@Suite struct ReportFormatTests {
    @Test func catalogListsEveryReporter() {
        #expect(ReportFormat.all.map(\.name) == ["junit", "html", "markdown"])
        #expect(ReportFormat.all.map(\.fileExtension) == ["xml", "html", "md"])
        #expect(ReportFormat.named("html")?.scope == .perExperiment)
        #expect(ReportFormat.named("json") == nil)
    }

    @Test func catalogEntriesRenderLikeTheReporters() throws {
        let results = [Fixtures.outage]
        #expect(try #require(ReportFormat.named("junit")).render(results) == JUnitReporter.render(results))
        #expect(try #require(ReportFormat.named("html")).render(results) == HTMLReporter.render(Fixtures.outage))
        #expect(try #require(ReportFormat.named("markdown")).render(results) == MarkdownReporter.render(results))
    }
}
