import Testing
@testable import AirmReports

@Suite struct FormattingTests {
    @Test(arguments: [
        (36.2, 3, "36.200"), (0, 3, "0.000"), (180, 3, "180.000"), (0.0005, 3, "0.001"), (-1.25, 1, "-1.3"), (2.5, 0, "3"),
        (Double.nan, 2, "0.00"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(Formatting.fixed(value, decimals) == expected)
    }

    @Test(arguments: [(12.5, 2, "12.5"), (3, 1, "3"), (123.456, 1, "123.5"), (0.04, 1, "0"), (-0.04, 1, "0"), (1e20, 1, "1000000000000000")])
    func trimmed(value: Double, decimals: Int, expected: String) {
        #expect(Formatting.trimmed(value, decimals) == expected)
    }

    @Test(arguments: [
        (0.0, "0ms"), (3.4, "3.4ms"), (450, "450ms"), (1500, "1.5s"), (6200, "6.2s"), (36_200, "36.2s"), (60_000, "1m"),
        (90_000, "1m30s"), (180_000, "3m"), (3_600_000, "1h"), (3_930_000, "1h5m30s"),
        // From a hand-edited or hostile result JSON: no trap, the largest span shown instead.
        (1e308, "277777777h46m40s"), (9.3e18, "277777777h46m40s"), (-1e308, "0ms"),
    ])
    func duration(ms: Double, expected: String) {
        #expect(Formatting.duration(ms: ms) == expected)
    }

    @Test(arguments: [
        ("2026-11-28T10:00:00Z", "2026-11-28T10:00:00"), ("2026-11-28T10:00:00.250+02:00", "2026-11-28T10:00:00"),
        ("2026-11-28", "1970-01-01T00:00:00"), ("not a date at all!!", "1970-01-01T00:00:00"),
    ])
    func junitTimestamp(iso: String, expected: String) {
        #expect(Formatting.junitTimestamp(iso) == expected)
    }

    @Test func percent() {
        #expect(Formatting.percent(0.9925) == "99.25%")
        #expect(Formatting.percent(1) == "100%")
    }

    @Test(arguments: [(0.0, 1.0, 1.0), (20, 20, 5), (17, 20, 5), (1000, 1000, 250), (4820, 6000, 2000), (0.3, 0.3, 0.1)])
    func niceBound(value: Double, max: Double, step: Double) {
        let bound = ChartScale.niceBound(value)
        #expect(abs(bound.max - max) < 1e-9 && abs(bound.step - step) < 1e-9, "\(bound)")
    }
}
