import AirmEngine
import AirmReports
import Foundation

/// Writes the reports of `airm merge`: per experiment `<out>/<name>.json` and every per-experiment
/// format of the catalog written by default, then every per-run format (junit.xml, index.html, …),
/// and the CI job summary, as `airm run` writes them.
struct MergeWriter {
    let out: String
    let world: World

    /// Writes everything and returns the paths written, in order.
    func write(_ results: [RunResult]) throws -> [String] {
        let out = out.hasSuffix("/") ? String(out.dropLast()) : out
        var written: [String] = []
        let hostname = world.environment["AIRM_HOSTNAME"] ?? ProcessInfo.processInfo.hostName
        for result in results {
            let name = result.experiment.name
            try world.saveReport(result.jsonData(), to: "\(out)/\(name).json", &written)
            let input = ReportFormat.Input(results: [result], hostname: hostname)
            for format in ReportFormat.all where format.scope == .perExperiment && format.defaultOutput != nil {
                try world.saveReport(Data(format.render(input).utf8), to: "\(out)/\(name).\(format.fileExtension)", &written)
            }
        }
        let input = ReportFormat.Input(results: results, hostname: hostname)
        for format in ReportFormat.all where format.scope == .perRun && format.defaultOutput != nil {
            try world.saveReport(Data(format.render(input).utf8), to: "\(out)/\(format.name).\(format.fileExtension)", &written)
        }
        if let summary = world.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            for format in ReportFormat.all where format.scope == .perRun && format.jobSummary {
                try world.appendLine(format.render(ReportFormat.Input(results: results)), to: summary)
            }
        }
        return written
    }
}
