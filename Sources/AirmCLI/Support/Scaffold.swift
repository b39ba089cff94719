import Foundation

/// The files `airm init` writes.
enum Scaffold {
    /// Where `airm init` writes the JSON Schema of the experiment format, as in this repository.
    static let schemaPath = "schema/airm-experiment.schema.json"

    /// The GitHub Action the scaffolded workflow uses (`action.yml` at this repository's root).
    static let defaultAction = "airm-dev/airm@main"

    /// Lines `airm init` makes sure `.gitignore` has: reports and the local history are not sources.
    static let gitignoreLines = ["reports/", ".airm/"]

    static let experiment = """
    # yaml-language-server: $schema=../\(schemaPath)
    # A provider outage: the primary provider fails for 30 s. Its breaker must open quickly,
    # the secondary must keep users served, and the breaker must close again once it recovers.
    version: 1
    name: provider-outage
    description: A 30 s outage of the primary provider opens its breaker while the secondary serves.
    seed: 7
    duration: 2m

    providers:
      primary:
        type: simulated
        simulate: { latency: { median: 300ms, p99: 1s } }
      secondary:
        type: simulated
        simulate: { latency: { median: 500ms, p99: 2s } }

    policy:
      timeout: 3s
      breaker: { consecutive_failures: 5, open_for: 10s, half_open: { probes: 2, close_after: 2 } }

    traffic:
      - name: chat
        rate: 10/s

    faults:
      - name: primary-outage
        target: primary
        type: unavailable
        at: 30s
        for: 30s

    assertions:
      - breaker: primary
        opens: { after: primary-outage.start, within: 2s }
      - breaker: primary
        closes: { after: primary-outage.end, within: 15s }
      - breaker: secondary
        never: open
      - expect: success_rate >= 99%

    """

    /// The workflow: check out, then the airm action builds airm, runs experiments/, publishes the
    /// step summary and uploads reports/ (docs in README.md, "CI").
    static func githubWorkflow(action: String) -> String {
        """
        name: airm
        on: [push, pull_request]
        jobs:
          resilience:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: Run resilience experiments
                uses: \(action)
                with:
                  paths: experiments/
              - name: Publish JUnit results
                if: always()
                uses: mikepenz/action-junit-report@v4
                with:
                  report_paths: reports/junit.xml

        """
    }

    /// `existing` (a `.gitignore`, or nil when there is none) with `gitignoreLines` appended where
    /// missing, or nil when it already has them all. `reports`, `/reports/` and `reports/*` count
    /// as `reports/`.
    static func gitignore(updating existing: String?) -> String? {
        let text = existing ?? ""
        let present = Set(text.split(separator: "\n").map { ignoredName(String($0)) })
        let missing = gitignoreLines.filter { !present.contains(ignoredName($0)) }
        if missing.isEmpty { return nil }
        var result = text
        if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
        return result + missing.map { $0 + "\n" }.joined()
    }

    /// The directory a `.gitignore` line names, without the spellings that do not change it.
    private static func ignoredName(_ line: String) -> String {
        var name = Substring(line.trimmingCharacters(in: .whitespaces))
        if name.hasPrefix("/") { name = name.dropFirst() }
        if name.hasSuffix("/*") { name = name.dropLast(2) }
        if name.hasSuffix("/") { name = name.dropLast() }
        return String(name)
    }
}
