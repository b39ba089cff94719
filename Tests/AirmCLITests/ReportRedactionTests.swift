import Foundation
import Testing

/// `airm report` never shows a key, even from a result whose `source` an earlier airm kept unredacted.
@Suite struct ReportRedactionTests {
    @Test func reRenderingAnOldResultRedactsItsKeys() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let run = await CLIHarness.run(["run", "--no-history", "--quiet", "--out", "out",
                                        CLIHarness.repositoryRoot + "/experiments/latency-spike.yaml"], in: work)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let path = "\(work)/out/latency-spike.json"
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let source = try #require(json["source"] as? String)
        json["source"] = source + "\n# kept by an older airm\nextra:\n  one: {type: openai, api_key: sk-old-literal-789}\n"
            + "  two:\n    api_key: \"${KEY:-sk-old-default-456}\"\n  three:\n    api_key: ${SAFE_KEY}\n"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))

        let report = await CLIHarness.run(["report", "--html", "r.html", "--markdown", "r.md", "--junit", "r.xml",
                                           "--ctrf", "r.json", "out/latency-spike.json"], in: work)
        #expect(report.exitCode == 0, "\(report.stderr)")
        for file in ["r.html", "r.md", "r.xml", "r.json"] {
            let text = try String(contentsOfFile: "\(work)/\(file)", encoding: .utf8)
            #expect(!text.contains("sk-old-literal-789"), "\(file)")
            #expect(!text.contains("sk-old-default-456"), "\(file)")
        }
        let html = try String(contentsOfFile: "\(work)/r.html", encoding: .utf8)
        #expect(html.contains("api_key: &lt;redacted&gt;") || html.contains("api_key: <redacted>"))
        #expect(html.contains("${SAFE_KEY}"))
    }
}
