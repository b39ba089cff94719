import AirmReports
import AirmSpec
import ArgumentParser

/// The options of `airm run` (docs/cli.md).
struct RunOptions: ParsableArguments {
    /// The paths, and `--<format> FILE` for the catalog's formats that have no option of their own.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "Experiment files or directories (a directory means its *.yaml files; - reads one from standard input; default experiments/).",
        discussion: ReportFileOptions.help, valueName: "paths"))
    var inputs: [String] = []

    @Flag(help: "Run in simulation, in virtual time (the default unless a file says `mode: live`).")
    var simulate = false

    @Flag(help: "Run live, in wall-clock time, against the providers' real APIs or `airm fake-providers`.")
    var live = false

    @Flag(help: "Live runs: start even when the planned calls to non-loopback endpoints exceed budget.max_calls.")
    var yes = false

    @Option(help: ArgumentHelp(
        "Live runs: the memory, in MB, that answers being read may hold together.",
        discussion: "On top of the 16 MB cap per answer. An answer counts its buffer and 256 KB for its connection. One that finds the budget full ends there, its connection closed, and counts as corrupt.",
        valueName: "MB"))
    var maxBodyMemory = 64

    @Option(help: "Override every experiment's seed.")
    var seed: UInt64?

    @Option(help: "Directory for the reports: <name>.html, <name>.json and junit.xml.")
    var out = "reports/"

    @Option(help: "Also write the JUnit XML to this file.")
    var junit: String?

    @Option(help: "Also write the HTML report to this file (one experiment only).")
    var html: String?

    @Option(help: "Also write the JSON result to this file (one experiment only).")
    var json: String?

    @Option(help: "Write a Markdown summary to this file.")
    var markdown: String?

    @OptionGroup var overriding: OverrideOptions

    @OptionGroup var store: HistoryOptions

    @Flag(help: "Do not record runs in the history database (no database is created).")
    var noHistory = false

    @Flag(help: "Print only verdicts, failures and where the reports went; no transitions.")
    var quiet = false

    @Flag(help: "Stop after the first experiment that fails or cannot run.")
    var failFast = false

    @Flag(help: ArgumentHelp(
        "Stop a run as soon as any assertion can no longer hold, as `abort_on_fail: true` does for one.",
        discussion: "Arrivals stop, calls in flight finish, every report is written with verdict failed, and the exit code is 1: no real calls are spent on a lost run. Assertions not yet settled are reported as not evaluated."))
    var abortOnFail = false

    @Option(help: "Run only the I-th of N interleaved slices of the files, e.g. 2/4, for parallel CI jobs.")
    var shard: Shard?

    @Option(help: ArgumentHelp(
        "Send only one N-th of every stream, as the I-th of N replicas, e.g. 2/4, for load one machine cannot send.",
        discussion: "Rates are divided by N; users, bursts and max_in_flight are split so the N parts add up; each shard draws from its own seed, derived from the run's. Join the N results with `airm merge`.",
        valueName: "I/N"))
    var trafficShard: Shard?

    @Option(name: .customLong("filter"), help: ArgumentHelp(
        "Run only experiments whose name contains this text; repeat for several.", valueName: "name"))
    var filters: [String] = []

    @Option(help: "The run's start time as ISO 8601 (e.g. 2026-01-01T00:00:00Z), for byte-identical reports. SOURCE_DATE_EPOCH works too.")
    var timestamp: String?

    func validate() throws {
        _ = try ReportFileOptions(inputs)
        if simulate && live { throw ValidationError("--simulate and --live exclude each other.") }
        if !(1...1_048_576).contains(maxBodyMemory) {
            throw ValidationError("--max-body-memory must be from 1 to 1048576 (MB); got \(maxBodyMemory).")
        }
        if let timestamp, Timestamp.parse(timestamp) == nil {
            throw ValidationError("--timestamp must be ISO 8601, e.g. 2026-01-01T00:00:00Z; got '\(timestamp)'.")
        }
    }

    /// Experiment files or directories; `experiments/` when none are given.
    var paths: [String] {
        let paths = (try? ReportFileOptions(inputs))?.paths ?? inputs
        return paths.isEmpty ? ["experiments/"] : paths
    }

    /// The file `--<name>` asks `format` to be written to, if any.
    func requestedFile(_ format: ReportFormat) -> String? {
        switch format.name {
        case "junit": junit
        case "html": html
        case "markdown": markdown
        default: (try? ReportFileOptions(inputs))?.files[format.name]
        }
    }

    /// The mode forced by the command line, if any.
    var forcedMode: Experiment.Mode? { live ? .live : simulate ? .simulated : nil }
}
