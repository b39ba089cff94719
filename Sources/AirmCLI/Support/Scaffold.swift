/// The files `airm init` writes.
enum Scaffold {
    static let experiment = """
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

    static let githubWorkflow = """
    name: airm
    on: [push, pull_request]
    jobs:
      resilience:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - name: Run resilience experiments
            run: airm run   # with airm on the PATH: swift build -c release in the airm repository
          - name: Publish JUnit results
            if: always()
            uses: mikepenz/action-junit-report@v4
            with:
              report_paths: reports/junit.xml
          - uses: actions/upload-artifact@v4
            if: always()
            with:
              name: airm-reports
              path: reports/

    """
}
