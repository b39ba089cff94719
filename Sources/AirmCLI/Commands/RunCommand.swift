import ArgumentParser

/// `airm run`: runs experiment files and writes their reports.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run experiments and write HTML, JUnit XML and JSON reports.",
        discussion: """
        Runs every experiment in PATHS (default experiments/) in deterministic virtual time (with --live \
        or `mode: live`: in wall-clock time over real HTTP, against the providers' APIs or \
        `airm fake-providers`) and writes \
        <out>/<name>.html, <out>/<name>.json and <out>/junit.xml. When GITHUB_STEP_SUMMARY is set, \
        a Markdown summary is appended to it. Each run is recorded in the history database unless \
        --no-history is given.

        Live runs show a progress line on a terminal (a status line every 10 s otherwise). Before \
        calling a non-loopback endpoint, airm prints the planned number of calls and refuses above \
        budget.max_calls unless --yes is given. Ctrl-C or SIGTERM stops arrivals, lets calls in flight \
        finish or time out, and writes the reports with verdict `interrupted`. API keys come from \
        ${VARIABLES} and are never written anywhere.

        Exit codes: 0 all assertions held, 1 an assertion failed, 2 invalid experiment or usage, \
        3 the run could not be carried out, 130 interrupted.
        """
    )

    @OptionGroup var options: RunOptions
    @OptionGroup var colorOptions: ColorOptions

    func run() async throws {
        let code = await RunPipeline(options: options, world: colorOptions.apply(to: World.current)).execute()
        if code != ExitStatus.passed { throw ExitStatus.exit(code) }
    }
}
