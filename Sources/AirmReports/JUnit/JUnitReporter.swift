import AirmEngine

/// Renders results as one JUnit XML document, valid against both the strict Ant schema
/// (`windyroad-JUnit.xsd`) and the lenient Jenkins one (`junit-10.xsd`).
///
/// Layout: `<testsuites>` (no attributes) holds one `<testsuite>` per experiment, never nested,
/// with `properties`, one `testcase` per assertion result (steady-state checks included),
/// then `system-out` (the transition log) and `system-err`.
///
/// Times: a suite's `time` is the run's wall time (docs/metrics.md "Run time"); the experiment's
/// duration, virtual in simulation, is the `duration` property. A testcase's `time` is `0.000`:
/// assertions are verdicts over the whole run, evaluated after it, not separately timed steps, so
/// splitting the run's time among them would invent durations.
///
/// Where an assertion is written: the strict schema allows no attribute for it on a testcase, so
/// each suite has a property `at <testcase name>` = `file:line`, and a failure's text starts with it.
public enum JUnitReporter {
    /// The `package` attribute of every suite.
    public static let package = "airm"

    static let format = ReportFormat(name: "junit", fileExtension: "xml", scope: .perRun,
                                     help: "Also write the JUnit XML to this file.", defaultOutput: { $0.junit }) {
        render($0.results, errors: $0.errors, hostname: $0.hostname)
    }

    // MARK: - Rendering

    /// The JUnit document for `results`, followed by one suite per experiment that could not run
    /// (timestamped like the first result, or with the epoch when there is none).
    public static func render(_ results: [RunResult], errors: [ExperimentError] = [], hostname: String = "localhost") -> String {
        let host = token(hostname).isEmpty ? "localhost" : token(hostname)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        var id = 0
        for result in results {
            appendSuite(for: result, id: id, hostname: host, to: &out)
            id += 1
        }
        // An experiment that could not run has no start time of its own; it shares the run's.
        let timestamp = Formatting.junitTimestamp(results.first?.startedAt ?? "")
        for error in errors {
            appendSuite(for: error, id: id, hostname: host, timestamp: timestamp, to: &out)
            id += 1
        }
        out += "</testsuites>\n"
        return out
    }

    // MARK: - Suites

    private static func appendSuite(for result: RunResult, id: Int, hostname: String, to out: inout String) {
        let file = result.experiment.file
        var cases = result.assertions.map { assertion in
            if assertion.notEvaluated == true {
                return Case(name: assertion.name, skipped: assertion.message, line: assertion.line)
            }
            return Case(name: assertion.name, failure: assertion.passed ? nil : failure(for: assertion, file: file),
                        line: assertion.line)
        }
        if result.verdict == .error || result.verdict == .interrupted {
            let message = "the run ended with verdict \(result.verdict.rawValue); assertions may cover only part of it"
            cases.append(Case(name: "run completed", error: Problem(type: result.verdict.rawValue, message: message, details: message)))
        }
        let suiteName = suiteName(result.experiment.name)
        var properties = [
            ("seed", String(result.experiment.seed)),
            ("mode", result.experiment.mode.rawValue),
            ("file", file),
            ("duration", Formatting.seconds(ms: result.experiment.durationMs) + "s"),
            ("airm_version", result.airmVersion),
            ("verdict", result.verdict.rawValue),
        ]
        for (testCase, caseName) in zip(cases, uniqueNames(cases.map(\.name))) {
            if let line = testCase.line { properties.append(("at " + caseName, "\(file):\(line)")) }
        }
        appendSuite(name: suiteName, id: id, hostname: hostname, timestamp: Formatting.junitTimestamp(result.startedAt),
                    timeMs: result.wallMs ?? result.experiment.durationMs, properties: properties, cases: cases,
                    systemOut: transitionLog(result.transitions), to: &out)
    }

    private static func appendSuite(for error: ExperimentError, id: Int, hostname: String, timestamp: String, to out: inout String) {
        let firstLine = error.message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? error.type
        let problem = Problem(type: error.type, message: firstLine, details: error.message)
        appendSuite(name: suiteName(error.name), id: id, hostname: hostname, timestamp: timestamp, timeMs: 0,
                    properties: [("file", error.file)], cases: [Case(name: "experiment could not run", error: problem)],
                    systemOut: "", to: &out)
    }

    private static func appendSuite(name: String, id: Int, hostname: String, timestamp: String, timeMs: Double,
                                    properties: [(String, String)], cases: [Case], systemOut: String, to out: inout String) {
        let classname = token("airm." + name)
        let names = uniqueNames(cases.map(\.name))
        let failures = cases.filter { $0.failure != nil }.count
        let errors = cases.filter { $0.error != nil }.count
        let skipped = cases.filter { $0.skipped != nil }.count
        out += "  <testsuite package=\"\(package)\" id=\"\(id)\" name=\"\(attr(name))\" timestamp=\"\(timestamp)\""
        out += " hostname=\"\(attr(hostname))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\""
        if skipped > 0 { out += " skipped=\"\(skipped)\"" }
        out += " time=\"\(Formatting.seconds(ms: timeMs))\">\n"
        out += "    <properties>\n"
        for (key, value) in properties {
            out += "      <property name=\"\(attr(token(key)))\" value=\"\(attr(value))\"/>\n"
        }
        out += "    </properties>\n"
        for (testCase, caseName) in zip(cases, names) {
            out += "    <testcase classname=\"\(attr(classname))\" name=\"\(attr(caseName))\" time=\"0.000\""
            if let problem = testCase.failure ?? testCase.error {
                let element = testCase.failure != nil ? "failure" : "error"
                out += ">\n      <\(element) type=\"\(attr(problem.type))\" message=\"\(attr(problem.message))\">"
                out += Markup.xmlText(problem.details)
                out += "</\(element)>\n    </testcase>\n"
            } else if let message = testCase.skipped {
                out += ">\n      <skipped message=\"\(attr(message))\"/>\n    </testcase>\n"
            } else {
                out += "/>\n"
            }
        }
        out += "    <system-out>\(Markup.xmlText(systemOut))</system-out>\n"
        out += "    <system-err></system-err>\n"
        out += "  </testsuite>\n"
    }

    // MARK: - Content

    private struct Problem {
        var type: String
        var message: String
        var details: String
    }

    private struct Case {
        var name: String
        var failure: Problem? = nil
        var error: Problem? = nil
        /// Why the assertion was not evaluated (a run stopped early).
        var skipped: String? = nil
        var line: Int? = nil
    }

    /// The failure of an assertion: its kind as the type, its message (with the observed value) as the message.
    private static func failure(for assertion: RunResult.AssertionResult, file: String) -> Problem {
        var message = assertion.message
        if message.isEmpty {
            message = "expected \(assertion.expected), observed \(assertion.observed)"
        } else if !assertion.observed.isEmpty && !message.contains(assertion.observed) {
            message += " (observed: \(assertion.observed))"
        }
        var details = "expected: \(assertion.expected)\nobserved: \(assertion.observed)\n\(assertion.message)"
        if let line = assertion.line { details = "\(file):\(line)\n" + details }
        return Problem(type: assertion.kind.isEmpty ? "assertion" : assertion.kind, message: message, details: details)
    }

    /// One line per transition: `36.200s gemini closed → open: 5 consecutive failures`.
    static func transitionLog(_ transitions: [RunResult.Transition]) -> String {
        var out = ""
        for transition in transitions {
            out += "\(Formatting.seconds(ms: transition.atMs))s \(transition.provider) \(transition.from.rawValue) → \(transition.to.rawValue)"
            out += transition.reason.isEmpty ? "\n" : ": \(transition.reason)\n"
        }
        return out
    }

    // MARK: - Names

    /// Testcase names made unique within a suite: the second `x` becomes `x (2)`, the third `x (3)`.
    /// Names are compared after whitespace is collapsed, as the schema's `xs:token` does.
    static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        var counts: [String: Int] = [:]
        return names.enumerated().map { index, raw in
            let base = token(raw).isEmpty ? "assertion \(index + 1)" : token(raw)
            var candidate = base
            var n = counts[base, default: 1]
            while used.contains(candidate) {
                n += 1
                candidate = "\(base) (\(n))"
            }
            counts[base] = n
            used.insert(candidate)
            return candidate
        }
    }

    private static func suiteName(_ name: String) -> String {
        token(name).isEmpty ? "unnamed" : token(name)
    }

    /// `text` as an `xs:token`: invalid characters removed, whitespace runs collapsed to one space, trimmed.
    static func token(_ text: String) -> String {
        Markup.strippingInvalidXML(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func attr(_ text: String) -> String {
        Markup.xmlAttribute(text)
    }
}
