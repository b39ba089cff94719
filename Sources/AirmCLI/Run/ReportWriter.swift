import AirmEngine
import AirmReports
import AirmSpec
import Foundation

/// Writes the reports of one `airm run`: per experiment `<out>/<name>.json`, then every format of
/// the catalog (`ReportFormat.all`) that is written by default or asked for with `--<format> FILE`,
/// and the CI job summary.
struct ReportWriter {
    let options: RunOptions
    let world: World

    /// Writes everything and returns the paths written, in order: per experiment its JSON and
    /// per-experiment reports, then the per-run reports.
    /// `settings` holds each experiment's `reports:` switches by name; absent means all on.
    /// `history` holds earlier runs by experiment name, for the HTML report's trend.
    func write(_ results: [RunResult], settings: [String: ReportSettings], history: [String: [TrendPoint]],
               errors: [ExperimentError]) throws -> [String] {
        var written: [String] = []
        let out = options.out.hasSuffix("/") ? String(options.out.dropLast()) : options.out
        try FileManager.default.createDirectory(atPath: world.resolve(out), withIntermediateDirectories: true)
        let perExperiment = ReportFormat.all.filter { $0.scope == .perExperiment }
        let perRun = ReportFormat.all.filter { $0.scope == .perRun }

        for result in results {
            let name = result.experiment.name
            let wanted = settings[name] ?? ReportSettings()
            let json = try result.jsonData()
            if wanted.json { try world.saveReport(json, to: "\(out)/\(name).json", &written) }
            let input = ReportFormat.Input(results: [result], errors: errors, history: history[name] ?? [], hostname: hostname)
            var rendered: [String: Data] = [:]
            for format in perExperiment where format.defaultOutput?(wanted) == true {
                let data = render(format, input, cache: &rendered)
                try world.saveReport(data, to: "\(out)/\(name).\(format.fileExtension)", &written)
            }
            if let path = options.json { try world.saveReport(json, to: path, &written) }
            for format in perExperiment {
                guard let path = options.requestedFile(format) else { continue }
                try world.saveReport(render(format, input, cache: &rendered), to: path, &written)
            }
        }

        let input = ReportFormat.Input(results: results, errors: errors, hostname: hostname)
        for format in perRun {
            var rendered: [String: Data] = [:]
            if let wanted = format.defaultOutput,
               results.isEmpty || results.contains(where: { wanted(settings[$0.experiment.name] ?? ReportSettings()) }) {
                try world.saveReport(render(format, input, cache: &rendered), to: "\(out)/\(format.name).\(format.fileExtension)", &written)
            }
            if let path = options.requestedFile(format) {
                try world.saveReport(render(format, input, cache: &rendered), to: path, &written)
            }
        }
        if let summary = world.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            for format in perRun where format.jobSummary {
                try world.appendLine(format.render(ReportFormat.Input(results: results)), to: summary)
            }
        }
        return written
    }

    /// `format`'s report of `input`, rendered once however many files it goes to.
    private func render(_ format: ReportFormat, _ input: ReportFormat.Input, cache: inout [String: Data]) -> Data {
        if let data = cache[format.name] { return data }
        let data = Data(format.render(input).utf8)
        cache[format.name] = data
        return data
    }

    private var hostname: String {
        world.environment["AIRM_HOSTNAME"] ?? ProcessInfo.processInfo.hostName
    }
}
