import AirmEngine
import AirmReports
import AirmSpec
import Foundation

/// Writes the reports of one `airm run`: per experiment `<out>/<name>.json` and `.html`,
/// one `<out>/junit.xml`, the optional single-file copies, Markdown, and the CI job summary.
struct ReportWriter {
    let options: RunOptions
    let world: World

    /// Writes everything and returns the paths written, in order.
    /// `settings` holds each experiment's `reports:` switches by name; absent means all on.
    /// `history` holds earlier runs by experiment name, for the HTML report's trend.
    func write(_ results: [RunResult], settings: [String: ReportSettings], history: [String: [TrendPoint]],
               errors: [ExperimentError]) throws -> [String] {
        var written: [String] = []
        let out = options.out.hasSuffix("/") ? String(options.out.dropLast()) : options.out
        try FileManager.default.createDirectory(atPath: world.resolve(out), withIntermediateDirectories: true)

        for result in results {
            let name = result.experiment.name
            let wanted = settings[name] ?? ReportSettings()
            let json = try result.jsonData()
            if wanted.json { try save(json, to: "\(out)/\(name).json", &written) }
            let html = Data(HTMLReporter.render(result, history: history[name] ?? []).utf8)
            if wanted.html { try save(html, to: "\(out)/\(name).html", &written) }
            if let path = options.json { try save(json, to: path, &written) }
            if let path = options.html { try save(html, to: path, &written) }
        }
        let junit = Data(JUnitReporter.render(results, errors: errors, hostname: hostname).utf8)
        if results.isEmpty || results.contains(where: { settings[$0.experiment.name]?.junit ?? true }) {
            try save(junit, to: "\(out)/junit.xml", &written)
        }
        if let path = options.junit { try save(junit, to: path, &written) }

        let markdown = MarkdownReporter.render(results)
        if let path = options.markdown { try save(Data(markdown.utf8), to: path, &written) }
        if let summary = world.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try append(markdown, to: summary)
        }
        return written
    }

    private var hostname: String {
        world.environment["AIRM_HOSTNAME"] ?? ProcessInfo.processInfo.hostName
    }

    private func save(_ data: Data, to path: String, _ written: inout [String]) throws {
        let url = URL(fileURLWithPath: world.resolve(path))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        written.append(path)
    }

    private func append(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: world.resolve(path))
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data().write(to: url)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((text + "\n").utf8))
    }
}
