import AirmEngine
import Testing
@testable import AirmStore

/// What `airm compare --fail-on regression` fails on.
@Suite struct ComparisonGateTests {
    static let baseline = ComparisonTests.baseline
    static let regression = ComparisonTests.regression

    private func regressions(_ b: RunDetail, _ tolerance: ComparisonTolerance = .init()) -> [Comparison.Regression] {
        Comparison.compare(a: Self.baseline, b: b, tolerance: tolerance).regressions
    }

    @Test func aVerdictFlipAndFailingAssertionsAreRegressions() {
        #expect(regressions(Self.regression) == [
            .init(kind: .verdict, name: "verdict", reason: "passed → failed"),
            .init(kind: .assertion, name: ComparisonTests.opens, reason: "passed → failed"),
            .init(kind: .assertion, name: "success_rate >= 99%", reason: "passed → failed"),
        ])
    }

    @Test func aFailedRunThatRecoversIsNoRegression() {
        let comparison = Comparison.compare(a: Self.regression, b: Self.baseline)
        #expect(comparison.regressions.isEmpty)
    }

    @Test func identicalRunsHaveNoRegressionEvenAtZeroTolerance() throws {
        let tolerance = try ComparisonTolerance.parse(["p50=0,p95=0,p99=0,success_rate=0,availability=0,failed=0",
                                                       "time_to_open=0,time_to_close=0"])
        #expect(Comparison.compare(a: Self.baseline, b: Self.baseline, tolerance: tolerance).regressions.isEmpty)
    }

    @Test func figuresOnlyGateWhenNamed() {
        var after = Self.baseline
        after.run.p99Ms = 400
        #expect(regressions(after).isEmpty)
        #expect(regressions(after, .init(["p99_ms": .relative(0.1)])) == [
            .init(kind: .figure, name: "p99_ms", reason: "+150.0 ms, more than the tolerance of 10% (25.0 ms)"),
        ])
    }

    @Test(arguments: [
        (275.0, false),  // exactly 10% worse: within
        (275.2, true),
        (200.0, false),  // better
    ])
    func relativeTolerance(p99: Double, regresses: Bool) {
        var after = Self.baseline
        after.run.p99Ms = p99
        #expect(!regressions(after, .init(["p99_ms": .relative(0.1)])).isEmpty == regresses)
    }

    @Test func absoluteTolerancesInEachUnit() throws {
        var after = Self.baseline
        after.run.timeToCloseMs = 9_000
        after.run.successRate = 0.985
        after.run.failed = 12
        let loose = try ComparisonTolerance.parse(["time_to_close=5s,success_rate=1pp,failed=12"])
        #expect(regressions(after, loose).isEmpty)
        let tight = try ComparisonTolerance.parse(["time_to_close=4999ms,success_rate=0.5pp,failed=11"])
        #expect(regressions(after, tight).map(\.name) == ["failed", "success_rate", "time_to_close_ms"])
        #expect(regressions(after, tight).map(\.reason) == [
            "+12, more than the tolerance of 11",
            "-1.00 pp, more than the tolerance of 0.50 pp",
            "+5000.0 ms, more than the tolerance of 4999.0 ms",
        ])
    }

    @Test func aBreakerThatNoLongerOpensRegressesWhenNamed() {
        var after = Self.baseline
        after.run.timeToOpenAllMs = [nil]
        after.run.timeToOpenMs = nil
        #expect(regressions(after).isEmpty)
        #expect(regressions(after, .init(["time_to_open_ms": .relative(1)])) == [
            .init(kind: .figure, name: "time_to_open_ms", reason: "no value, was 2500.0 ms"),
        ])
    }

    @Test func textAndJSONListRegressions() {
        let comparison = Comparison.compare(a: Self.baseline, b: Self.regression)
        let text = ComparisonFormatter.text(comparison)
        #expect(text.hasSuffix("""
            regressions (3):
              verdict: passed → failed
              assertion "gemini opens within 5s after gemini-outage.start": passed → failed
              assertion "success_rate >= 99%": passed → failed

            """))
        #expect(ComparisonFormatter.text(Comparison.compare(a: Self.baseline, b: Self.baseline)).hasSuffix("regressions: none\n"))
        #expect(ComparisonFormatter.json(comparison).contains("\"kind\" : \"verdict\""))
    }

    // MARK: - One experiment

    @Test func runsOfDifferentExperimentsDoNotMatch() {
        var other = Self.regression
        other.run.experiment = "retry-storm"
        #expect(Comparison.mismatch(Self.baseline, other) == "run 3 is of experiment checkout-outage and run 5 of retry-storm")
    }

    @Test func differentVersionsOfTheFileDoNotMatch() {
        var edited = Self.regression
        edited.run.fileHash = String(repeating: "f", count: 64)
        let reason = try? #require(Comparison.mismatch(Self.baseline, edited))
        #expect(reason?.hasPrefix("run 3 and run 5 ran different versions of checkout-outage's file (SHA-256 da8dabf11f47 and ffffffffffff)") == true)
        #expect(Comparison.mismatch(Self.baseline, Self.regression) == nil)
    }
}
