import AirmEngine
import Foundation
import Testing
@testable import AirmReports

@Suite struct CTRFReporterTests {
    /// Every shape of document: passing, failing, error and interrupted runs, and experiments that could not run.
    static var documents: [String] {
        var failed = Fixtures.outage
        failed.assertions[0].passed = false
        failed.verdict = .failed
        var interrupted = Fixtures.outage
        interrupted.verdict = .interrupted
        var errored = Fixtures.hour
        errored.verdict = .error
        return [
            CTRFReporter.render([Fixtures.outage]),
            CTRFReporter.render([failed, interrupted, errored, Fixtures.hostile]),
            CTRFReporter.render([Fixtures.outage], errors: [JUnitReporterTests.brokenFile]),
            CTRFReporter.render([], errors: [JUnitReporterTests.brokenFile, ExperimentError(name: "", file: "x.yaml", message: "", type: "run_error")]),
            CTRFReporter.render([]),
        ]
    }

    @Test(arguments: documents)
    func validatesAgainstTheCommittedSchema(_ document: String) throws {
        let problems = try JSONSchemaCheck.committed("ctrf.schema.json").problems(in: document)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(document)")
    }

    @Test func requiredFieldsHaveTheirTypes() throws {
        let object = try #require(JSONSerialization.jsonObject(with: Data(CTRFReporter.render([Fixtures.outage]).utf8)) as? [String: Any])
        #expect(object["reportFormat"] as? String == "CTRF")
        #expect(object["specVersion"] as? String == "0.0.0")
        let results = try #require(object["results"] as? [String: Any])
        let tool = try #require(results["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "airm")
        #expect(tool["version"] is String)
        let summary = try #require(results["summary"] as? [String: Any])
        for key in ["tests", "passed", "failed", "pending", "skipped", "other", "start", "stop"] {
            let value = try #require(summary[key] as? NSNumber, "summary.\(key)")
            #expect(value.doubleValue == value.doubleValue.rounded(), "summary.\(key) is not an integer")
        }
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.count == Fixtures.outage.assertions.count)
        for test in tests {
            #expect(!(try #require(test["name"] as? String)).isEmpty)
            #expect(["passed", "failed", "skipped", "pending", "other"].contains(try #require(test["status"] as? String)))
            #expect(test["duration"] is NSNumber)
            #expect(test["suite"] as? [String] == [Fixtures.outage.experiment.name])
        }
    }

    @Test func countsAndStatusesFollowTheResults() throws {
        var failed = Fixtures.outage
        failed.assertions[2].passed = false
        failed.assertions[2].message = "closed too late"
        var interrupted = Fixtures.outage
        interrupted.verdict = .interrupted
        let document = CTRFReporter.document([failed, interrupted], errors: [JUnitReporterTests.brokenFile])
        let n = Fixtures.outage.assertions.count
        let failing = Fixtures.outage.assertions.filter { !$0.passed }.count
        #expect(document.results.summary.tests == 2 * n + 2)
        #expect(document.results.summary.failed == 2 * failing + 2)
        #expect(document.results.summary.other == 1)
        #expect(document.results.summary.passed == 2 * n - 2 * failing - 1)
        #expect(document.results.summary.suites == 3)
        let failure = document.results.tests[2]
        #expect(failure.status == .failed)
        #expect(failure.message?.hasPrefix("closed too late") == true)
        let couldNotRun = try #require(document.results.tests.last)
        #expect(couldNotRun.name == "experiment could not run")
        #expect(couldNotRun.status == .failed)
        #expect(couldNotRun.message == JUnitReporterTests.brokenFile.message)
        #expect(couldNotRun.rawStatus == JUnitReporterTests.brokenFile.type)
    }

    @Test(arguments: [
        ("2026-01-01T00:00:00Z", Int64(1_767_225_600_000)),
        ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T12:30:15.250Z", 951_827_415_250),
        ("1969-12-31T23:59:59Z", -1000),
        ("not a time", 0),
        ("", 0),
    ])
    func epochMilliseconds(_ iso: String, _ expected: Int64) {
        #expect(CTRFReporter.epochMilliseconds(iso) == expected)
    }

    @Test func milliseconds() {
        #expect(CTRFReporter.milliseconds(120_000.4) == 120_000)
        #expect(CTRFReporter.milliseconds(.infinity) == 0)
        #expect(CTRFReporter.milliseconds(.nan) == 0)
        #expect(CTRFReporter.milliseconds(1e300) == 0)
    }
}
