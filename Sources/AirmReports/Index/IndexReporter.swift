import AirmEngine
import AirmSpec

/// `<out>/index.html`: a one-page overview of one `airm run`, with each experiment's verdict,
/// counts and a link to its report, and each experiment that could not run with its reason.
///
/// It lists exactly this run's experiments, so a report an earlier run left in the folder is
/// never linked from it. Self-contained like the HTML report: no external assets.
public enum IndexReporter {
    static let format = ReportFormat(name: "index", fileExtension: "html", scope: .perRun,
                                     help: "Also write the run's overview page (index.html) to this file.",
                                     defaultOutput: { _ in true }) { render($0.results, errors: $0.errors) }

    public static func render(_ results: [RunResult], errors: [ExperimentError] = []) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<title>\(Markup.html(headline(results, errors: errors))) · airm</title>\n"
        out += "<style>\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        let overall = errors.isEmpty && results.allSatisfy { $0.verdict == .passed } ? "passed" : "failed"
        out += "<header class=\"verdict v-\(overall)\">\n<p class=\"badge\">\(overall.uppercased())</p>\n"
        out += "<h1>\(Markup.html(headline(results, errors: errors)))</h1>\n"
        if let started = results.first?.startedAt { out += "<p class=\"muted\">Started \(Markup.html(started))</p>\n" }
        out += "</header>\n<section id=\"experiments\">\n<h2>Experiments</h2>\n"
        out += "<table><thead><tr><th>Experiment</th><th>Verdict</th><th>Mode</th><th class=\"num\">Requests</th>"
        out += "<th class=\"num\">Assertions held</th><th>File</th></tr></thead><tbody>\n"
        for result in results {
            let info = result.experiment
            let held = result.assertions.filter(\.passed).count
            out += "<tr><td><a href=\"\(Markup.html(link(info.name)))\">\(Markup.html(info.name))</a></td>"
            out += "<td><span class=\"state v-\(result.verdict.rawValue)\">\(result.verdict.rawValue)</span></td>"
            out += "<td>\(info.mode.rawValue)</td><td class=\"num\">\(result.summary.requests)</td>"
            out += "<td class=\"num\">\(held) / \(result.assertions.count)</td><td><code>\(Markup.html(info.file))</code></td></tr>\n"
        }
        for error in errors {
            out += "<tr><td>\(Markup.html(error.name))</td><td><span class=\"state v-error\">could not run</span></td>"
            out += "<td></td><td class=\"num\"></td><td class=\"num\"></td><td><code>\(Markup.html(error.file))</code>"
            out += "<pre>\(Markup.html(error.message))</pre></td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n</body>\n</html>\n"
        return out
    }

    /// "3 experiments: 2 passed, 1 failed, 1 could not run".
    static func headline(_ results: [RunResult], errors: [ExperimentError]) -> String {
        let total = results.count + errors.count
        var parts = RunResult.Verdict.allVerdicts.compactMap { verdict -> String? in
            let n = results.filter { $0.verdict == verdict }.count
            return n > 0 || verdict == .passed ? "\(n) \(verdict.rawValue)" : nil
        }
        if !errors.isEmpty { parts.append("\(errors.count) could not run") }
        return "\(total) experiment\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// The report's file name beside the index: names are checked to be file-name safe at load.
    static func link(_ name: String) -> String {
        var allowed = name.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": String(scalar)
            default: String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
            }
        }
        allowed.append(".html")
        return allowed.joined()
    }
}
