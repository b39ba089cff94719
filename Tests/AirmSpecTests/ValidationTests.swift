import Testing
@testable import AirmSpec

/// One validation rule: a file with one mistake and the diagnostic it must give.
struct ValidationCase: Sendable, CustomStringConvertible {
    var rule: String
    var yaml: String
    var severity: Diagnostic.Severity = .error
    var line: Int
    var column: Int
    /// Text the message must contain.
    var message: String
    /// Text the hint must contain, when given.
    var hint: String?
    /// Where the note (first occurrence) must point, when given.
    var note: (line: Int, column: Int)?

    var description: String { rule }
}

/// A valid file with `{{X}}` where a case puts its lines. Line numbers below count from 1.
private func file(providers: String = "  gemini: { type: gemini }\n  cohere: { type: cohere }",
                  policy: String = "", traffic: String = "  - name: chat\n    rate: 10/s",
                  faults: String = "  - { name: outage, target: gemini, type: unavailable, at: 10s, for: 20s }",
                  assertions: String = "", top: String = "name: rules\nduration: 1m") -> String {
    var text = top + "\nproviders:\n" + providers + "\n"          // lines 1-2 top, 3 providers, 4-5 gemini/cohere
    if !policy.isEmpty { text += "policy:\n" + policy + "\n" }
    text += "traffic:\n" + traffic + "\n"
    text += "faults:\n" + faults + "\n"
    if !assertions.isEmpty { text += "assertions:\n" + assertions + "\n" }
    return text
}

@Suite struct ValidationTests {
    static let cases: [ValidationCase] = [
        ValidationCase(rule: "unknown key with suggestion", yaml: file(policy: "  breaker:\n    open_fro: 30s"),
                       line: 8, column: 5, message: "unknown key `open_fro`", hint: "did you mean `open_for`?"),
        ValidationCase(rule: "unknown top-level key", yaml: file(top: "name: rules\nduration: 1m\nsed: 3"),
                       line: 3, column: 1, message: "unknown key `sed`", hint: "`seed`"),
        ValidationCase(rule: "wrong type", yaml: file(top: "name: rules\nduration: 1m\nseed: [1, 2]"),
                       line: 3, column: 7, message: "must be a whole number"),
        ValidationCase(rule: "wrong type for a mapping", yaml: file(policy: "  retry: 3"),
                       line: 7, column: 10, message: "`retry` must be a mapping"),
        ValidationCase(rule: "duration without a unit", yaml: file(top: "name: rules\nduration: 30"),
                       line: 2, column: 11, message: "no unit", hint: "add a unit"),
        ValidationCase(rule: "negative rate", yaml: file(traffic: "  - rate: -5/s"),
                       line: 7, column: 11, message: "cannot be negative"),
        ValidationCase(rule: "zero rate", yaml: file(traffic: "  - rate: 0/s"),
                       line: 7, column: 11, message: "must be above zero"),
        ValidationCase(rule: "zero duration", yaml: file(policy: "  timeout: 0s"),
                       line: 7, column: 12, message: "longer than zero"),
        ValidationCase(rule: "ratio above 100%", yaml: file(policy: "  breaker: { failure_rate: 150% }"),
                       line: 7, column: 28, message: "above 100%"),
        ValidationCase(rule: "ratio above 1 without percent", yaml: file(policy: "  breaker: { failure_rate: 50 }"),
                       line: 7, column: 28, message: "above 1", hint: "`50%`"),
        ValidationCase(rule: "close_after above probes", yaml: file(policy: "  breaker:\n    half_open: { probes: 1, close_after: 2 }"),
                       line: 8, column: 42, message: "`close_after` (2) is more than `probes` (1)"),
        ValidationCase(rule: "duplicate provider", yaml: file(providers: "  gemini: { type: gemini }\n  cohere: { type: cohere }\n  gemini: { type: openai }"),
                       line: 6, column: 3, message: "duplicate provider `gemini`", note: (4, 3)),
        ValidationCase(rule: "duplicate key", yaml: file(policy: "  timeout: 5s\n  deadline: 9s\n  timeout: 6s"),
                       line: 9, column: 3, message: "duplicate key `timeout`", note: (7, 3)),
        ValidationCase(rule: "duplicate key in a flow mapping", yaml: file(policy: "  breaker: { open_for: 5s, open_for: 6s }"),
                       line: 7, column: 28, message: "duplicate key `open_for`", note: (7, 14)),
        ValidationCase(rule: "duplicate key in a list item",
                       yaml: file(traffic: "  - name: chat\n    rate: 1/s\n    rate: 2/s\n  - name: other\n    rate: 1/s"),
                       line: 9, column: 5, message: "duplicate key `rate`", note: (8, 5)),
        ValidationCase(rule: "duplicate stream", yaml: file(traffic: "  - name: chat\n    rate: 1/s\n  - name: chat\n    rate: 2/s"),
                       line: 9, column: 11, message: "duplicate stream name `chat`", note: (7, 11)),
        ValidationCase(rule: "duplicate fault",
                       yaml: file(faults: "  - { name: outage, target: gemini, type: timeout }\n  - { name: outage, target: cohere, type: timeout }"),
                       line: 11, column: 13, message: "duplicate fault name `outage`", note: (10, 13)),
        ValidationCase(rule: "duplicate assertion name",
                       yaml: file(assertions: "  - { name: ok, expect: \"ok > 0\" }\n  - { name: ok, expect: \"failed == 0\" }"),
                       line: 13, column: 13, message: "duplicate assertion name `ok`", note: (12, 13)),
        ValidationCase(rule: "provider and stream share a name", yaml: file(traffic: "  - name: gemini\n    rate: 1/s"),
                       line: 7, column: 11, message: "same name as a provider", note: (4, 3)),
        ValidationCase(rule: "unknown provider in route", yaml: file(policy: "  route: [gemini, cohre]"),
                       line: 7, column: 19, message: "unknown provider `cohre`", hint: "did you mean `cohere`?"),
        ValidationCase(rule: "unknown provider in overrides", yaml: file(policy: "  overrides:\n    gemni: { timeout: 2s }"),
                       line: 8, column: 5, message: "unknown provider `gemni`", hint: "`gemini`"),
        ValidationCase(rule: "unknown provider in fault target",
                       yaml: file(faults: "  - { name: outage, target: openai, type: timeout }"),
                       line: 10, column: 29, message: "unknown provider `openai`"),
        ValidationCase(rule: "unknown provider in breaker assertion", yaml: file(assertions: "  - breaker: gemeni\n    opens: true"),
                       line: 12, column: 14, message: "unknown provider `gemeni`", hint: "`gemini`"),
        ValidationCase(rule: "unknown fault in time reference",
                       yaml: file(assertions: "  - breaker: gemini\n    opens: { after: outge.start, within: 5s }"),
                       line: 13, column: 21, message: "unknown fault `outge`", hint: "`outage`"),
        ValidationCase(rule: "unknown fault in window", yaml: file(assertions: "  - expect: ok > 0\n    during: outrage"),
                       line: 13, column: 13, message: "unknown fault `outrage`", hint: "`outage`"),
        ValidationCase(rule: "unknown metric", yaml: file(assertions: "  - expect: sucess_rate > 90%"),
                       line: 12, column: 13, message: "unknown metric `sucess_rate`", hint: "`success_rate`"),
        ValidationCase(rule: "unknown metric scope", yaml: file(assertions: "  - expect: gemni.calls > 0"),
                       line: 12, column: 13, message: "unknown provider or stream `gemni`", hint: "`gemini`"),
        ValidationCase(rule: "provider-only metric on a stream", yaml: file(assertions: "  - expect: chat.calls > 0"),
                       line: 12, column: 13, message: "counted per provider"),
        ValidationCase(rule: "provider-only metric without scope", yaml: file(assertions: "  - expect: calls > 0"),
                       line: 12, column: 13, message: "needs a provider"),
        ValidationCase(rule: "metric with a value of the wrong unit", yaml: file(assertions: "  - expect: latency.p95 < 99%"),
                       line: 12, column: 13, message: "is a duration, but `99%` is a ratio"),
        ValidationCase(rule: "fault outside the run",
                       yaml: file(faults: "  - { name: outage, target: gemini, type: timeout, at: 2m, for: 10s }"),
                       severity: .warning, line: 10, column: 5, message: "after the run ends"),
        ValidationCase(rule: "window outside the run",
                       yaml: file(assertions: "  - expect: ok > 0\n    window: { from: 10s, to: 2m }"),
                       severity: .warning, line: 13, column: 30, message: "outside the run"),
        ValidationCase(rule: "two traffic shapes", yaml: file(traffic: "  - rate: 1/s\n    users: 3"),
                       line: 8, column: 5, message: "gives both `rate` and `users`"),
        ValidationCase(rule: "no traffic shape", yaml: file(traffic: "  - name: idle\n    duration: 10s"),
                       line: 7, column: 5, message: "needs one of `rate`, `stages`, `burst` or `users`"),
        ValidationCase(rule: "malformed YAML", yaml: "name: rules\nduration: [1m\nproviders: {}\n",
                       line: 3, column: 10, message: "malformed YAML"),
        ValidationCase(rule: "empty file", yaml: "# only a comment\n", line: 1, column: 1, message: "the file is empty"),
        ValidationCase(rule: "not a mapping", yaml: "- name: rules\n", line: 1, column: 1, message: "must be a mapping"),
        ValidationCase(rule: "provider name syntax", yaml: file(providers: "  Gemini: { type: gemini }\n  cohere: { type: cohere }"),
                       line: 4, column: 3, message: "provider name `Gemini`", hint: "`gemini`"),
        ValidationCase(rule: "experiment name syntax", yaml: file(top: "name: My Test\nduration: 1m"),
                       line: 1, column: 7, message: "experiment name `My Test`", hint: "`my-test`"),
        ValidationCase(rule: "missing name", yaml: file(top: "duration: 1m"), line: 1, column: 1, message: "needs `name`"),
        ValidationCase(rule: "missing duration", yaml: file(top: "name: rules"), line: 1, column: 1, message: "needs `duration`"),
        ValidationCase(rule: "missing providers", yaml: "name: rules\nduration: 1m\ntraffic:\n  - rate: 1/s\n",
                       line: 1, column: 1, message: "needs `providers`"),
        ValidationCase(rule: "missing traffic", yaml: "name: rules\nduration: 1m\nproviders:\n  gemini: { type: gemini }\n",
                       line: 1, column: 1, message: "needs `traffic`"),
        ValidationCase(rule: "unsupported version", yaml: file(top: "version: 2\nname: rules\nduration: 1m"),
                       line: 1, column: 10, message: "unsupported version 2", hint: "version 1"),
        ValidationCase(rule: "cyclic fault times",
                       yaml: file(faults: "  - { name: a, target: gemini, type: timeout, at: b.end }\n  - { name: b, target: gemini, type: timeout, at: a.start }"),
                       line: 10, column: 51, message: "depends on itself"),
        ValidationCase(rule: "for and until together",
                       yaml: file(faults: "  - { name: outage, target: gemini, type: timeout, for: 5s, until: 20s }"),
                       line: 10, column: 61, message: "both `for` and `until`"),
        ValidationCase(rule: "negative duration", yaml: file(policy: "  timeout: -5s"),
                       line: 7, column: 12, message: "cannot be negative"),
        ValidationCase(rule: "parameter of another fault type",
                       yaml: file(faults: "  - { name: outage, target: gemini, type: error, jitter: 1s }"),
                       line: 10, column: 50, message: "`jitter` does not apply to `error` faults"),
        ValidationCase(rule: "unknown fault type", yaml: file(faults: "  - { name: outage, target: gemini, type: latncy, delay: 1s }"),
                       line: 10, column: 43, message: "unknown fault type `latncy`", hint: "`latency`"),
        ValidationCase(rule: "stall length written as for", yaml: file(faults: "  - { name: gap, target: gemini, type: stall, for: 3s }"),
                       line: 10, column: 47, message: "a stall's length is `pause`", hint: "write `pause: 3s`"),
        ValidationCase(rule: "reset at two points", yaml: file(faults: "  - { name: rst, target: gemini, type: reset, after: 1s, after_tokens: 3 }"),
                       line: 10, column: 58, message: "give either `after` or `after_tokens`"),
        ValidationCase(rule: "unknown fault type near reset", yaml: file(faults: "  - { name: rst, target: gemini, type: rest }"),
                       line: 10, column: 40, message: "unknown fault type `rest`", hint: "`reset`"),
    ]

    @Test(arguments: cases)
    func rule(_ rule: ValidationCase) {
        let result = Support.load(rule.yaml)
        let match = result.diagnostics.first { $0.message.contains(rule.message) }
        #expect(match != nil, "no diagnostic containing \"\(rule.message)\" in:\n\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        guard let match else { return }
        #expect(match.severity == rule.severity)
        #expect(match.location?.line == rule.line, "\(match)")
        #expect(match.location?.column == rule.column, "\(match)")
        if let hint = rule.hint { #expect(match.hint?.contains(hint) == true, "hint: \(match.hint ?? "none")") }
        if let note = rule.note {
            #expect(match.notes.first?.location?.line == note.line && match.notes.first?.location?.column == note.column, "\(match)")
        }
        if rule.severity == .error { #expect(result.experiment == nil) }
    }

    @Test func diagnosticsPrintLikeACompiler() {
        let result = Support.load(file(policy: "  breaker:\n    open_fro: 30s"))
        #expect(result.diagnostics.map(\.description) == ["test.yaml:8:5: error: unknown key `open_fro` in `breaker` (did you mean `open_for`?)"])
    }

    @Test func emptyOptionalListsAreEmpty() throws {
        let result = Support.load("name: e\nduration: 1m\nproviders: { gemini: {} }\ntraffic: [ { rate: 1/s } ]\nfaults:\nassertions:\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(try #require(result.experiment).faults.isEmpty)
        let empty = Support.load("name: e\nduration: 1m\nproviders: { gemini: {} }\ntraffic:\n")
        #expect(empty.diagnostics.first?.message.contains("`traffic` is empty") == true)
    }

    @Test func validFileHasNoDiagnostics() {
        let result = Support.load(file())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.experiment != nil)
    }

    @Test func threeMistakesAreReportedTogether() {
        let text = file(policy: "  timeout: 5\n  breaker:\n    open_fro: 30s", traffic: "  - rate: 10/s\n    arrivals: poison")
        let errors = Support.errors(Support.load(text))
        let places = errors.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(errors.count == 3, "\(errors)")
        #expect(places == ["7:12", "9:5", "12:15"], "\(errors)")
    }
}
