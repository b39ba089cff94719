import Testing
@testable import AirmSpec

@Suite struct UnitParserTests {
    // MARK: - Durations

    @Test(arguments: [
        ("250ms", 250_000_000), ("5s", 5_000_000_000), ("1.5s", 1_500_000_000), ("2m", 120_000_000_000),
        ("1h", 3_600_000_000_000), ("1m30s", 90_000_000_000), ("0s", 0), (" 10s ", 10_000_000_000),
        ("1h30m", 5_400_000_000_000), ("2s500ms", 2_500_000_000), (".5s", 500_000_000),
    ] as [(String, Int64)])
    func goodDuration(text: String, nanoseconds: Int64) throws {
        #expect(try UnitParser.duration(text).get() == TimeSpan(nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        ("30", "add a unit"), ("", "write a duration"), ("-5s", nil), ("5x", "units are"), ("30s1m", "largest to smallest"),
        ("1.2.3s", nil), ("abc", nil), ("1e400s", nil), ("99999999999h", "10000h"), ("nan", nil), ("5 s", nil), ("s", nil),
    ] as [(String, String?)])
    func badDuration(text: String, hint: String?) {
        guard case .failure(let error) = UnitParser.duration(text) else {
            Issue.record("`\(text)` parsed")
            return
        }
        if let hint { #expect(error.hint?.contains(hint) == true, "\(error)") }
    }

    // MARK: - Rates

    @Test(arguments: [("20/s", 20.0), ("600/m", 10.0), ("36000/h", 10.0), ("0/s", 0.0), ("0.5/s", 0.5), ("30 / m", 0.5)])
    func goodRate(text: String, perSecond: Double) throws {
        #expect(try UnitParser.rate(text).get().perSecond == perSecond)
    }

    @Test(arguments: ["20", "-5/s", "1e400/s", "20/d", "/s", "x/s", "2000000/s", "nan/s", "20/s/s"])
    func badRate(text: String) {
        #expect(!UnitParser.rate(text).isSuccess, "`\(text)` parsed")
    }

    // MARK: - Ratios

    @Test(arguments: [("99%", 0.99), ("0.5%", 0.005), ("0.25", 0.25), ("1", 1.0), ("0", 0.0), ("100%", 1.0)])
    func goodRatio(text: String, fraction: Double) throws {
        #expect(abs(try UnitParser.ratio(text).get().fraction - fraction) < 1e-12)
    }

    @Test(arguments: ["150%", "-1%", "50", "1.5", "abc", "%", "nan", "-0.1"])
    func badRatio(text: String) {
        #expect(!UnitParser.ratio(text).isSuccess, "`\(text)` parsed")
    }

    // MARK: - Time references

    @Test(arguments: [
        ("30s", TimeReference(anchor: .runStart, offset: .seconds(30))),
        ("start", TimeReference(anchor: .runStart)),
        ("end", TimeReference(anchor: .runEnd)),
        ("end - 10s", TimeReference(anchor: .runEnd, offset: .seconds(-10))),
        ("gemini-outage.start", TimeReference(anchor: .faultStart("gemini-outage"))),
        ("gemini-outage.end + 5s", TimeReference(anchor: .faultEnd("gemini-outage"), offset: .seconds(5))),
        ("gemini-outage.start+5s", TimeReference(anchor: .faultStart("gemini-outage"), offset: .seconds(5))),
        ("outage.end-1m30s", TimeReference(anchor: .faultEnd("outage"), offset: .seconds(-90))),
        ("start + 1m", TimeReference(anchor: .runStart, offset: .seconds(60))),
        ("30s + 5s", TimeReference(anchor: .runStart, offset: .seconds(35))),
    ])
    func goodTimeReference(text: String, expected: TimeReference) throws {
        #expect(try UnitParser.timeReference(text).get() == expected)
    }

    @Test(arguments: [
        ("gemini-outage", "gemini-outage.start"), ("", nil), ("-5s", nil), ("outage.middle", nil), ("Outage.start", "[a-z0-9_-]+"),
        ("end * 2", "offset"), ("outage.start + 5", "add a unit"), ("30", "add a unit"), ("end +", nil),
    ] as [(String, String?)])
    func badTimeReference(text: String, hint: String?) {
        guard case .failure(let error) = UnitParser.timeReference(text) else {
            Issue.record("`\(text)` parsed")
            return
        }
        if let hint { #expect(error.hint?.contains(hint) == true, "\(error)") }
    }

    @Test func timeReferenceRoundTripsThroughDescription() throws {
        for text in ["30s", "end - 5s", "gemini-outage.start + 10s", "outage.end"] {
            #expect(try UnitParser.timeReference(text).get().description == text)
        }
    }

    // MARK: - Windows

    @Test(arguments: [
        ("run", Window.run), ("during outage", .during("outage")), ("before outage", .before("outage")),
        ("after outage", .after("outage")),
        ("from outage.start + 5s to outage.end", .range(from: TimeReference(anchor: .faultStart("outage"), offset: .seconds(5)),
                                                        to: TimeReference(anchor: .faultEnd("outage")))),
        ("from 10s to end", .range(from: .at(.seconds(10)), to: TimeReference(anchor: .runEnd))),
    ])
    func goodWindow(text: String, expected: Window) throws {
        #expect(try UnitParser.window(text).get() == expected)
    }

    @Test(arguments: ["", "during", "around outage", "during Outage!", "from 10s", "from 10s to x", "from x to 10s"])
    func badWindow(text: String) {
        #expect(!UnitParser.window(text).isSuccess, "`\(text)` parsed")
    }

    // MARK: - Suggestions

    @Test func suggestionsFindNearMisses() {
        #expect(Suggestions.closest(to: "open_fro", among: ExperimentReader.breakerKeys) == "open_for")
        #expect(Suggestions.closest(to: "timout", among: ExperimentReader.policyKeys) == "timeout")
        #expect(Suggestions.closest(to: "zzzzzz", among: ExperimentReader.policyKeys) == nil)
        #expect(Suggestions.editDistance("ab", "ba") == 1)
    }
}
