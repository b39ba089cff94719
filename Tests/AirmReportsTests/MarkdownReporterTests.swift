import AirmEngine
import Testing
@testable import AirmReports

@Suite struct MarkdownReporterTests {
    @Test func outageMatchesGolden() throws {
        try Support.expectGolden(MarkdownReporter.render([Fixtures.outage]), named: "outage.md")
    }

    @Test func summaryLineCountsVerdicts() {
        var passed = Fixtures.outage
        passed.verdict = .passed
        let text = MarkdownReporter.render([passed, Fixtures.hour])
        #expect(text.hasPrefix("## airm: 2 experiments: 1 passed, 1 failed\n"))
    }

    @Test func failedAssertionsComeFirst() throws {
        let text = MarkdownReporter.render(Fixtures.outage)
        let failed = try #require(text.range(of: "| ❌ | gemini opens within 5s"))
        let passed = try #require(text.range(of: "| ✅ | steady state"))
        #expect(failed.lowerBound < passed.lowerBound)
        #expect(text.contains("<br>gemini opened at 36.2s, 6.2s after gemini-outage.start (limit 5s)"))
    }

    @Test func cellsEscapePipesAndMarkup() {
        var result = Fixtures.outage
        result.assertions[0].name = "a | b <script>"
        result.assertions[0].observed = "line one\nline two"
        let text = MarkdownReporter.render(result)
        #expect(text.contains("| ✅ | a \\| b &lt;script> | success_rate >= 99% | line one line two |"))
        for line in text.split(separator: "\n") where line.hasPrefix("| ✅") || line.hasPrefix("| ❌") {
            let unescaped = line.enumerated().filter { index, char in
                char == "|" && (index == 0 || line[line.index(line.startIndex, offsetBy: index - 1)] != "\\")
            }
            #expect(unescaped.count == 5, "row with a stray pipe: \(line)")
        }
    }

    @Test func linksAndImagesCannotForm() {
        var result = Fixtures.outage
        result.experiment.name = "x[click](http://evil.example)"
        result.assertions[0].name = "![pixel](http://evil.example/p.png)"
        result.assertions[0].observed = "[a]: http://evil.example"
        let text = MarkdownReporter.render(result)
        #expect(!text.contains("[click]("))
        #expect(!text.contains("![pixel]("))
        #expect(text.contains("x\\[click\\](http://evil.example)"))
        #expect(text.contains("!\\[pixel\\](http://evil.example/p.png)"))
        #expect(text.contains("\\[a\\]: http://evil.example"))
    }

    @Test func transitionsAreListed() {
        let text = MarkdownReporter.render(Fixtures.outage)
        #expect(text.contains("<details><summary>Breaker transitions (3)</summary>"))
        #expect(text.contains("- 36.200s **gemini** closed → open: 5 consecutive failures\n"))
    }

    @Test func eachExperimentStaysUnderTheCap() {
        var big = Fixtures.hour
        big.assertions = (0..<3000).map { k in
            .init(name: "assertion \(k) " + String(repeating: "x", count: 80), kind: "expect", passed: k % 7 != 0,
                  expected: "latency.p99 < 2s", observed: "latency.p99 = 2.5s", message: "latency.p99 was 2.5s")
        }
        big.transitions = (0..<5000).map { k in
            .init(provider: "gemini", atMs: Double(k) * 500, from: .closed, to: .open, reason: "failure rate 62% ≥ 50% over 20 calls")
        }
        let one = MarkdownReporter.render(big)
        #expect(one.utf8.count < MarkdownReporter.maxBytesPerExperiment)
        #expect(one.contains("more assertions not shown (size limit)"))
        #expect(one.contains("</details>\n"))

        var manyTransitions = Fixtures.outage
        manyTransitions.transitions = big.transitions
        let two = MarkdownReporter.render(manyTransitions)
        #expect(two.utf8.count < MarkdownReporter.maxBytesPerExperiment)
        #expect(two.contains("more transitions not shown (size limit)"))

        let run = MarkdownReporter.render([big, big])
        #expect(run.utf8.count < 2 * MarkdownReporter.maxBytesPerExperiment + 200)
    }

    @Test func hugeCellsAreClipped() {
        var result = Fixtures.outage
        result.assertions[0].observed = String(repeating: "y", count: 100_000)
        let text = MarkdownReporter.render(result)
        #expect(text.utf8.count < 16 * 1024)
        #expect(text.contains("y…"))
    }
}
