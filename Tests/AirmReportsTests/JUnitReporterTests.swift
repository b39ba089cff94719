import AirmEngine
import Foundation
import Testing
@testable import AirmReports

@Suite struct JUnitReporterTests {
    static let brokenFile = ExperimentError(
        name: "broken", file: "experiments/broken.yaml",
        message: "experiments/broken.yaml:14:7: unknown key `open_fr`; did you mean `open_for`?\nexperiments/broken.yaml:20:12: duration needs a unit: `30` (did you mean `30s`?)")

    // MARK: - Golden

    @Test func outageMatchesGolden() throws {
        let xml = JUnitReporter.render([Fixtures.outage], errors: [Self.brokenFile])
        try Support.expectGolden(xml, named: "outage.junit.xml")
    }

    // MARK: - Structure

    @Test func oneSuitePerExperimentWithSequentialIds() {
        let xml = JUnitReporter.render([Fixtures.outage, Fixtures.hour], errors: [Self.brokenFile], hostname: "ci-runner-7")
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"))
        #expect(matches(of: "<testsuite ", in: xml) == 3)
        #expect(xml.contains("id=\"0\" name=\"gemini-outage\" timestamp=\"2026-11-28T10:00:00\" hostname=\"ci-runner-7\" tests=\"6\" failures=\"1\" errors=\"0\" time=\"180.000\""))
        #expect(xml.contains("id=\"1\" name=\"steady-load-1h\" timestamp=\"2026-11-28T11:00:00\""))
        #expect(xml.contains("id=\"2\" name=\"broken\""))
        #expect(matches(of: "<system-out>", in: xml) == 3)
        #expect(matches(of: "<system-err></system-err>", in: xml) == 3)
    }

    @Test func propertiesHoldSeedModeFileAndVersion() {
        let xml = JUnitReporter.render([Fixtures.outage])
        for property in ["name=\"seed\" value=\"42\"", "name=\"mode\" value=\"simulated\"",
                         "name=\"file\" value=\"experiments/gemini-outage.yaml\"", "name=\"airm_version\" value=\"0.1.0\""] {
            #expect(xml.contains("<property \(property)/>"))
        }
    }

    @Test func failureCarriesKindAndObservedValue() {
        let xml = JUnitReporter.render([Fixtures.outage])
        #expect(xml.contains("<failure type=\"opens\" message=\"gemini opened at 36.2s, 6.2s after gemini-outage.start (limit 5s)\">"))
        #expect(xml.contains("classname=\"airm.gemini-outage\" name=\"gemini opens within 5s after gemini-outage.start\""))
        var result = Fixtures.outage
        result.assertions[1].message = "did not open in time"
        let other = JUnitReporter.render([result])
        #expect(other.contains("message=\"did not open in time (observed: opened at 36.2s)\""))
    }

    @Test func transitionLogGoesToSystemOut() {
        let xml = JUnitReporter.render([Fixtures.outage])
        #expect(xml.contains("<system-out>36.200s gemini closed → open: 5 consecutive failures\n66.200s gemini open → half_open: open_for 30s elapsed\n"))
    }

    @Test func experimentThatCouldNotRunIsOneErroredTestcase() {
        let xml = JUnitReporter.render([], errors: [Self.brokenFile])
        #expect(xml.contains("tests=\"1\" failures=\"0\" errors=\"1\" time=\"0.000\""))
        #expect(xml.contains("<testcase classname=\"airm.broken\" name=\"experiment could not run\" time=\"0.000\">"))
        #expect(xml.contains("<error type=\"invalid_experiment\" message=\"experiments/broken.yaml:14:7: unknown key `open_fr`; did you mean `open_for`?\">"))
    }

    @Test(arguments: [RunResult.Verdict.error, .interrupted])
    func unfinishedRunAddsAnError(verdict: RunResult.Verdict) {
        var result = Fixtures.outage
        result.verdict = verdict
        let xml = JUnitReporter.render([result])
        #expect(xml.contains("tests=\"7\" failures=\"1\" errors=\"1\""))
        #expect(xml.contains("<error type=\"\(verdict.rawValue)\""))
    }

    @Test func timesHaveThreeDecimals() throws {
        let xml = JUnitReporter.render([Fixtures.outage, Fixtures.hour], errors: [Self.brokenFile])
        let regex = try NSRegularExpression(pattern: " time=\"([^\"]*)\"")
        let values = regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).compactMap { match in
            Range(match.range(at: 1), in: xml).map { String(xml[$0]) }
        }
        #expect(values.count == 6 + 10 + 1 + 3)
        for value in values {
            #expect(value.wholeMatch(of: /[0-9]+\.[0-9]{3}/) != nil, "time \(value)")
        }
    }

    // MARK: - Names and characters

    @Test func duplicateNamesAreMadeUnique() throws {
        let xml = JUnitReporter.render([Fixtures.hostile])
        let names = testcaseNames(xml)
        #expect(names.count == 6)
        #expect(Set(names).count == names.count)
        let sequence = "gemini sequence closed → open → half_open → closed"
        #expect(Array(names[2...4]) == [sequence, sequence + " (2)", sequence + " (3)"])
        #expect(names.contains("assertion 6"))
    }

    @Test(arguments: [
        (["a", "b"], ["a", "b"]),
        (["a", "a", "a"], ["a", "a (2)", "a (3)"]),
        (["a (2)", "a", "a"], ["a (2)", "a", "a (3)"]),
        (["x  y", " x y\n"], ["x y", "x y (2)"]),
        (["", ""], ["assertion 1", "assertion 2"]),
    ])
    func uniqueNames(input: [String], expected: [String]) {
        #expect(JUnitReporter.uniqueNames(input) == expected)
    }

    @Test func invalidXMLCharactersAreStrippedAndTheRestEscaped() {
        let xml = JUnitReporter.render([Fixtures.hostile])
        for bad: Unicode.Scalar in ["\u{1B}", "\u{0}", "\u{7}", "\u{FFFE}"] {
            #expect(!xml.unicodeScalars.contains(bad), "U+\(String(bad.value, radix: 16)) left in the output")
        }
        #expect(xml.contains("message=\"bad [31mcolour[0m, nul ,  and &lt;tags&gt; &amp; &quot;quotes&quot; &apos;apostrophes&apos;&#9;tab&#10;newline&#13;return (observed: opened at 36.2s)\""))
        #expect(xml.contains("name=\"&lt;script&gt;alert(&apos;assertion&apos;)&lt;/script&gt;\""))
        #expect(xml.contains("value=\"experiments/&lt;odd&gt; &amp; &quot;quoted&quot;.yaml\""))
        #expect(xml.contains("5 consecutive failures  &lt;b&gt;bold&lt;/b&gt; | pipe"))
    }

    @Test(arguments: [
        ("ok\u{9}\u{A}\u{D}", "ok\u{9}\u{A}\u{D}"),
        ("a\u{1B}b\u{0}c\u{1F}", "abc"),
        ("\u{D7FF}\u{E000}\u{FFFD}\u{10000}", "\u{D7FF}\u{E000}\u{FFFD}\u{10000}"),
        ("x\u{FFFE}\u{FFFF}y", "xy"),
    ])
    func xmlCharacterStripping(input: String, expected: String) {
        #expect(Markup.strippingInvalidXML(input) == expected)
    }

    // MARK: - Helpers

    private func matches(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    private func testcaseNames(_ xml: String) -> [String] {
        xml.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("<testcase "), let start = line.range(of: " name=\"") else { return nil }
            let rest = line[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }
}
