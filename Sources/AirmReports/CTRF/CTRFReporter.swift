import AirmEngine
import AirmSpec
import Foundation

/// Renders results as one Common Test Report Format document (CTRF, specification version 0.0.0),
/// the JSON test report that CTRF tooling (GitHub, GitLab, Jenkins plugins) reads.
///
/// Each assertion result of each experiment is one test: `passed` or `failed`, in the suite named
/// after its experiment, with the failure message and, under `extra`, its kind, expected and
/// observed values. A run that ended with verdict `error` adds a failed test `run completed`, one
/// that was `interrupted` an `other` one. An experiment that could not run is one failed test
/// `experiment could not run` carrying every problem as its message.
///
/// Times are milliseconds: `summary.start` is the earliest run's start since the Unix epoch,
/// `summary.stop` the latest run's end. A test's `duration` is 0, as in the JUnit report: an
/// assertion is a verdict over the whole run, not a separately timed step.
/// Keys are sorted and the output is pretty-printed, so the same results give the same bytes.
public enum CTRFReporter {
    /// The CTRF specification version the documents follow.
    public static let specVersion = "0.0.0"

    static let format = ReportFormat(name: "ctrf", fileExtension: "json", scope: .perRun,
                                     help: "Write a CTRF (Common Test Report Format) JSON report to this file.") {
        render($0.results, errors: $0.errors)
    }

    // MARK: - Rendering

    public static func render(_ results: [RunResult], errors: [ExperimentError] = []) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document(results, errors: errors)) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func document(_ results: [RunResult], errors: [ExperimentError]) -> Document {
        var tests: [Test] = []
        for result in results { tests += self.tests(for: result) }
        for error in errors {
            let name = error.name.isEmpty ? error.file : error.name
            tests.append(Test(name: "experiment could not run", status: .failed, message: error.message,
                              suite: [name.isEmpty ? "unnamed" : name], filePath: error.file, rawStatus: error.type))
        }
        let starts = results.map { epochMilliseconds($0.startedAt) }
        let stops = zip(results, starts).map { $1 + milliseconds($0.experiment.durationMs) }
        let start = starts.min() ?? 0
        let stop = max(stops.max() ?? start, start)
        let summary = Summary(tests: tests.count, passed: tests.count { $0.status == .passed },
                              failed: tests.count { $0.status == .failed }, pending: 0, skipped: tests.count { $0.status == .skipped },
                              other: tests.count { $0.status == .other }, suites: results.count + errors.count,
                              start: start, stop: stop, duration: stop - start)
        let version = results.first?.airmVersion ?? Airm.version
        return Document(specVersion: specVersion, timestamp: results.first?.startedAt, generatedBy: "airm",
                        results: Results(tool: Tool(name: "airm", version: version), summary: summary, tests: tests))
    }

    private static func tests(for result: RunResult) -> [Test] {
        let suite = [result.experiment.name.isEmpty ? "unnamed" : result.experiment.name]
        var tests = result.assertions.enumerated().map { index, assertion in
            Test(name: assertion.name.isEmpty ? "assertion \(index + 1)" : assertion.name,
                 status: assertion.notEvaluated == true ? .skipped : assertion.passed ? .passed : .failed,
                 message: assertion.passed ? nil : message(for: assertion),
                 suite: suite, filePath: result.experiment.file,
                 extra: ["kind": assertion.kind, "expected": assertion.expected, "observed": assertion.observed])
        }
        if result.verdict == .error || result.verdict == .interrupted {
            let verdict = result.verdict.rawValue
            tests.append(Test(name: "run completed", status: result.verdict == .error ? .failed : .other,
                              message: "the run ended with verdict \(verdict); assertions may cover only part of it",
                              suite: suite, filePath: result.experiment.file, rawStatus: verdict))
        }
        return tests
    }

    /// The failure message, with the observed value when the message does not already say it.
    private static func message(for assertion: RunResult.AssertionResult) -> String {
        if assertion.message.isEmpty { return "expected \(assertion.expected), observed \(assertion.observed)" }
        if !assertion.observed.isEmpty && !assertion.message.contains(assertion.observed) {
            return assertion.message + " (observed: \(assertion.observed))"
        }
        return assertion.message
    }

    // MARK: - Time

    /// Whole milliseconds of `ms`, 0 when it is not a finite, representable value.
    static func milliseconds(_ ms: Double) -> Int64 {
        guard ms.isFinite, abs(ms) < 9e15 else { return 0 }
        return Int64(ms.rounded())
    }

    /// Milliseconds since the Unix epoch of an ISO 8601 UTC time such as `2026-01-01T00:00:00Z` or
    /// `2026-01-01T00:00:00.250Z`; 0 when `iso` does not start with a date and time.
    static func epochMilliseconds(_ iso: String) -> Int64 {
        let chars = Array(iso.utf8)
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= chars.count else { return nil }
            var value: Int64 = 0
            for char in chars[from..<(from + count)] {
                guard char >= 48 && char <= 57 else { return nil }
                value = value * 10 + Int64(char - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day) else { return 0 }
        var fraction: Int64 = 0
        if chars.count > 20 && chars[19] == UInt8(ascii: ".") {
            var digits = 0
            var index = 20
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                if digits < 3 { fraction = fraction * 10 + Int64(chars[index] - 48) }
                digits += 1
                index += 1
            }
            for _ in min(digits, 3)..<3 { fraction *= 10 }
        }
        // Days from the civil date (proleptic Gregorian calendar).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + fraction
    }

    // MARK: - Document

    struct Document: Encodable {
        var reportFormat = "CTRF"
        var specVersion: String
        var timestamp: String?
        var generatedBy: String
        var results: Results
    }

    struct Results: Encodable {
        var tool: Tool
        var summary: Summary
        var tests: [Test]
    }

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct Summary: Encodable {
        var tests, passed, failed, pending, skipped, other, suites: Int
        var start, stop, duration: Int64
    }

    enum Status: String, Encodable { case passed, failed, skipped, pending, other }

    struct Test: Encodable {
        var name: String
        var status: Status
        var duration: Int64 = 0
        var message: String?
        var suite: [String]
        var filePath: String
        var rawStatus: String?
        var extra: [String: String]?
    }
}
