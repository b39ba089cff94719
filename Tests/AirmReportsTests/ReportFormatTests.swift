import AirmEngine
import AirmReports
import Testing

@Suite struct ReportFormatTests {
    @Test func catalogListsEveryReporter() {
        #expect(ReportFormat.all.map(\.name) == ["junit", "html", "markdown", "ctrf", "index"])
        #expect(ReportFormat.all.map(\.fileExtension) == ["xml", "html", "md", "json", "html"])
        #expect(ReportFormat.named("html")?.scope == .perExperiment)
        #expect(ReportFormat.named("json") == nil)
    }

    @Test func catalogEntriesRenderLikeTheReporters() throws {
        let results = [Fixtures.outage]
        #expect(try #require(ReportFormat.named("junit")).render(results) == JUnitReporter.render(results))
        #expect(try #require(ReportFormat.named("html")).render(results) == HTMLReporter.render(Fixtures.outage))
        #expect(try #require(ReportFormat.named("markdown")).render(results) == MarkdownReporter.render(results))
        #expect(try #require(ReportFormat.named("ctrf")).render(results) == CTRFReporter.render(results))
    }

    @Test func catalogEntriesUseTheirInputs() throws {
        let errors = [JUnitReporterTests.brokenFile]
        let input = ReportFormat.Input(results: [Fixtures.outage], errors: errors, history: Fixtures.history, hostname: "ci-host")
        #expect(try #require(ReportFormat.named("junit")).render(input) == JUnitReporter.render([Fixtures.outage], errors: errors, hostname: "ci-host"))
        #expect(try #require(ReportFormat.named("html")).render(input) == HTMLReporter.render(Fixtures.outage, history: Fixtures.history))
        #expect(try #require(ReportFormat.named("ctrf")).render(input) == CTRFReporter.render([Fixtures.outage], errors: errors))
        #expect(ReportFormat.all.filter(\.jobSummary).map(\.name) == ["markdown"])
        #expect(try #require(ReportFormat.named("index")).render(input) == IndexReporter.render([Fixtures.outage], errors: errors))
        #expect(ReportFormat.all.filter { $0.defaultOutput != nil }.map(\.name) == ["junit", "html", "index"])
    }

    /// The overview lists exactly this run's experiments and links each report beside it.
    @Test func theIndexListsThisRunOnly() {
        let errors = [JUnitReporterTests.brokenFile]
        let page = IndexReporter.render([Fixtures.outage], errors: errors)
        #expect(page.contains("href=\"\(Fixtures.outage.experiment.name).html\""))
        #expect(page.contains("could not run"))
        #expect(page.components(separatedBy: "<tr><td>").count - 1 == 2)
        #expect(!page.contains("http://") && !page.contains("https://"))
    }
}
