import Testing
@testable import AirmStore

/// `--tolerance`: what it accepts and how it says what is wrong.
@Suite struct ComparisonToleranceTests {
    @Test func readsEachKindOfAllowance() throws {
        let tolerance = try ComparisonTolerance.parse([
            "p99=10%, time_to_close=5s,p95_ms=250ms", "success_rate=0.5pp,availability=1%,failed=3,p50=0",
        ])
        #expect(tolerance.allowances == [
            "p99_ms": .relative(0.1), "time_to_close_ms": .absolute(5000), "p95_ms": .absolute(250),
            "success_rate": .absolute(0.005), "availability": .relative(0.01), "failed": .absolute(3),
            "p50_ms": .absolute(0),
        ])
    }

    @Test(arguments: [
        ("p99", "--tolerance `p99`: write `figure=allowance`, e.g. `p99=10%` or `time_to_close=5s`"),
        ("p99=10", "--tolerance `p99=10`: `10` has no unit (add a unit, e.g. `10s` or `10ms`); or write a percentage such as `10%`"),
        ("p98=10%", "--tolerance `p98=10%`: no figure `p98`; did you mean `p95`?"),
        ("requests=5", "--tolerance `requests=5`: `requests` has no better direction, so it cannot regress"),
        ("success_rate=0.01", "--tolerance `success_rate=0.01`: `0.01` is not an allowance; write percentage points such as `0.5pp`, or a percentage of the baseline such as `1%`"),
        ("failed=1.5", "--tolerance `failed=1.5`: `1.5` is not an allowance; write a whole number such as `10`, or a percentage such as `5%`"),
        ("p99=5%,p99_ms=1s", "--tolerance `p99_ms=1s`: `p99` is given more than once"),
        ("p99=-5%", "--tolerance `p99=-5%`: a duration cannot be negative: `-5%`; or write a percentage such as `10%`"),
        ("p99=5%,", "--tolerance ``: write `figure=allowance`, e.g. `p99=10%` or `time_to_close=5s`"),
    ])
    func rejectsWithALocatedMessage(spec: String, message: String) {
        do {
            _ = try ComparisonTolerance.parse([spec])
            Issue.record("accepted \(spec)")
        } catch {
            #expect(error.description == message)
        }
    }
}
