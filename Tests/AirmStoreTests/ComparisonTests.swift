import AirmEngine
import Foundation
import Testing
@testable import AirmStore

@Suite struct ComparisonTests {
    static let opens = "gemini opens within 5s after gemini-outage.start"

    static var baseline: RunDetail {
        let result = Fixtures.result()
        return RunDetail(run: RunRow(result: result, gitCommit: "0123456789abcdef0123456789abcdef01234567", id: 3),
                         assertions: result.assertions, transitions: result.transitions)
    }

    static var regression: RunDetail {
        let result = Fixtures.result(
            verdict: .failed, startedAt: "2026-11-28T11:00:00Z", requests: 1180, successRate: 0.972,
            availability: 1.0, p95: 180, p99: 240.5, openAt: 36_200, closeAt: 64_000,
            assertions: [
                .init(name: opens, kind: "opens", passed: false, expected: "within 5s", observed: "6.2s",
                      message: "gemini opened at 36.2s, 6.2s after gemini-outage.start (limit 5s)"),
                .init(name: "success_rate >= 99%", kind: "expect", passed: false, expected: ">= 0.99",
                      observed: "0.972", message: ""),
                .init(name: "gemini ends closed", kind: "ends", passed: true, expected: "closed",
                      observed: "closed", message: ""),
            ])
        return RunDetail(run: RunRow(result: result, gitCommit: "fedcba9876543210fedcba9876543210fedcba98", id: 5),
                         assertions: result.assertions, transitions: result.transitions)
    }

    @Test func figuresAndDirections() {
        let comparison = Comparison.compare(a: Self.baseline, b: Self.regression)
        #expect(comparison.verdictChanged)
        #expect(comparison.figures.map(\.name) == [
            "requests", "failed", "success_rate", "availability", "p50_ms", "p95_ms", "p99_ms",
            "time_to_open_ms", "time_to_close_ms",
        ])
        #expect(comparison.figures.map(\.direction) == [.changed, .same, .worse, .same, .same, .worse, .better, .worse, .same])
        #expect(comparison.figures.map(\.delta) == [-20, 0, -0.023, 0, 0, 60, -9.5, 3700, 0])
        #expect(comparison.flippedAssertions == [
            .init(name: Self.opens, before: true, after: false),
            .init(name: "success_rate >= 99%", before: true, after: false),
            .init(name: "gemini ends closed", before: nil, after: true),
        ])
    }

    @Test func identicalRunsHaveNothingToReport() {
        let comparison = Comparison.compare(a: Self.baseline, b: Self.baseline)
        #expect(!comparison.verdictChanged)
        #expect(comparison.flippedAssertions.isEmpty)
        #expect(comparison.figures.allSatisfy { $0.direction == .same })
    }

    @Test func missingFigureOnOneSideIsChanged() {
        var after = Self.regression
        after.run.timeToOpenAllMs = [nil]
        after.run.timeToOpenMs = nil
        let figure = Comparison.compare(a: Self.baseline, b: after).figures[7]
        #expect(figure.before == 2500)
        #expect(figure.after == nil)
        #expect(figure.delta == nil)
        #expect(figure.direction == .changed)
    }

    @Test func aChangeTooSmallToPrintIsNeverWorse() {
        var after = Self.baseline
        after.run.p99Ms += 0.04
        after.run.p95Ms += 1e-12
        after.run.successRate -= 0.00004
        let comparison = Comparison.compare(a: Self.baseline, b: after, tolerance: .init(["p99_ms": .absolute(0)]))
        #expect(comparison.figures.allSatisfy { $0.direction == .same })
        #expect(comparison.regressions.isEmpty)
        let text = ComparisonFormatter.text(comparison)
        #expect(!text.contains("worse"))
        #expect(!text.contains("-0.0"))
        #expect(text.contains("p99            250.0 ms   250.0 ms   0.0 ms   same"))
    }

    @Test func labelsNameAResultFile() {
        let result = Fixtures.result()
        let fromFile = RunDetail(result: result, file: "baseline/checkout-outage.json")
        let comparison = Comparison.compare(a: fromFile, b: Self.regression)
        #expect(comparison.beforeLabel == "baseline/checkout-outage.json")
        #expect(comparison.afterLabel == "run 5")
        #expect(ComparisonFormatter.text(comparison).hasPrefix("compare baseline/checkout-outage.json with run 5 (checkout-outage)\n"))
    }

    @Test func textGolden() {
        let text = ComparisonFormatter.text(Comparison.compare(a: Self.baseline, b: Self.regression))
        Golden.check(text, named: "compare.txt")
    }

    @Test func jsonGolden() {
        let json = ComparisonFormatter.json(Comparison.compare(a: Self.baseline, b: Self.regression))
        Golden.check(json, named: "compare.json")
    }

    @Test func markdownGolden() {
        let tolerance = ComparisonTolerance(["p95_ms": .relative(0.1)])
        let markdown = ComparisonFormatter.markdown(Comparison.compare(a: Self.baseline, b: Self.regression, tolerance: tolerance))
        Golden.check(markdown, named: "compare.md")
    }

    @Test func markdownEscapesNames() {
        var before = Self.baseline, after = Self.regression
        let name = "a|b `c` <d>\nline"
        before.run.experiment = name
        after.run.experiment = name
        after.assertions[0].name = name
        before.assertions[0].name = name
        let markdown = ComparisonFormatter.markdown(Comparison.compare(a: before, b: after))
        #expect(markdown.hasPrefix("### airm compare: a\\|b \\`c\\` &lt;d> line\n"))
        #expect(markdown.contains("| a\\|b \\`c\\` &lt;d> line | passed | failed |"))
        for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
            let unescapedBars = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect([3, 4, 6].contains(unescapedBars), "\(line)")
        }
    }
}
