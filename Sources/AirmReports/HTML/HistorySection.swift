/// The HTML report's history: small trends of success rate, p99, time to open and time to close
/// over the last runs of the same experiment, this run included (drawn last, ringed), and a table
/// of those runs (newest first).
struct HistorySection {
    /// The runs shown, oldest first.
    let points: [TrendPoint]

    init(points: [TrendPoint], limit: Int) {
        self.points = Array(points.sorted { $0.runId < $1.runId }.suffix(limit))
    }

    // MARK: - Geometry

    private static let panelWidth = 290.0
    private static let panelGap = 30.0
    private static let panelHeight = 90.0
    private static let top = 22.0
    private static let left = 52.0

    // MARK: - Rendering

    func render(into out: inout String) {
        out += "<section id=\"history\">\n<h2>History <small>last \(points.count) runs</small></h2>\n"
        let width = Self.panelWidth * 4 + Self.panelGap * 3
        let height = Self.top + Self.panelHeight + 24
        out += "<svg class=\"trend\" viewBox=\"0 0 \(ChartScale.coord(width)) \(ChartScale.coord(height))\" role=\"img\" aria-label=\"Trend of earlier runs\">\n"
        let successFloor = min(0.9, (points.map(\.successRate).min() ?? 1) - 0.01)
        renderPanel(index: 0, title: "success rate", values: points.map { $0.successRate }, floor: max(successFloor, 0), ceiling: 1,
                    label: { Formatting.percent($0) }, into: &out)
        let p99 = ChartScale.niceBound(points.map(\.p99Ms).max() ?? 0, intervals: 2)
        renderPanel(index: 1, title: "latency p99", values: points.map { $0.p99Ms }, floor: 0, ceiling: p99.max,
                    label: ChartScale.latencyLabel, into: &out)
        let open = ChartScale.niceBound(points.compactMap(\.timeToOpenMs).max() ?? 0, intervals: 2)
        renderPanel(index: 2, title: "time to open", values: points.map { $0.timeToOpenMs }, floor: 0, ceiling: open.max,
                    label: ChartScale.latencyLabel, into: &out)
        let close = ChartScale.niceBound(points.compactMap(\.timeToCloseMs).max() ?? 0, intervals: 2)
        renderPanel(index: 3, title: "time to close", values: points.map { $0.timeToCloseMs }, floor: 0, ceiling: close.max,
                    label: ChartScale.latencyLabel, into: &out)
        out += "</svg>\n"
        renderTable(into: &out)
        out += "</section>\n"
    }

    private func renderPanel(index: Int, title: String, values: [Double?], floor: Double, ceiling: Double,
                             label: (Double) -> String, into out: inout String) {
        let c = ChartScale.coord
        let x0 = Double(index) * (Self.panelWidth + Self.panelGap) + Self.left
        let plotWidth = Self.panelWidth - Self.left - 8
        let bottom = Self.top + Self.panelHeight
        let range = ceiling - floor > 0 ? ceiling - floor : 1
        func x(_ i: Int) -> Double { points.count > 1 ? x0 + Double(i) / Double(points.count - 1) * plotWidth : x0 + plotWidth / 2 }
        func y(_ v: Double) -> Double { bottom - (min(max(v, floor), ceiling) - floor) / range * Self.panelHeight }

        out += "<g class=\"panel\"><text class=\"panel-title\" x=\"\(c(x0))\" y=\"14\">\(title)</text>"
        out += "<path class=\"grid\" d=\"M\(c(x0)) \(c(Self.top))H\(c(x0 + plotWidth))M\(c(x0)) \(c(bottom))H\(c(x0 + plotWidth))\"/>"
        out += "<g class=\"axis-y\"><text x=\"\(c(x0 - 6))\" y=\"\(c(Self.top + 4))\">\(label(ceiling))</text>"
        out += "<text x=\"\(c(x0 - 6))\" y=\"\(c(bottom + 4))\">\(label(floor))</text></g>"
        var d = ""
        var pending = "M"
        for (i, value) in values.enumerated() {
            guard let value else {
                pending = "M"
                continue
            }
            d += "\(pending)\(c(x(i))) \(c(y(value)))"
            pending = "L"
        }
        if !d.isEmpty { out += "<path class=\"trend-line\" d=\"\(d)\"/>" }
        for (i, value) in values.enumerated() {
            let point = points[i]
            let shown = value.map(label) ?? "none"
            let verdict = point.verdict == "passed" ? "passed" : "failed"
            let cy = value.map(y) ?? bottom
            let cls = (value == nil ? "dot none" : "dot \(verdict)") + (point.isCurrent ? " current" : "")
            let run = point.isCurrent ? "this run" : "run \(point.runId)"
            out += "<circle class=\"\(cls)\" cx=\"\(c(x(i)))\" cy=\"\(c(cy))\" r=\"\(point.isCurrent ? "5" : "3.5")\"><title>\(run): \(Markup.html(shown)) (\(Markup.html(point.verdict)))</title></circle>"
        }
        if let first = points.first, let last = points.last {
            out += "<g class=\"axis-x\"><text x=\"\(c(x(0)))\" y=\"\(c(bottom + 16))\" text-anchor=\"start\">#\(first.runId)</text>"
            if points.count > 1 {
                out += "<text x=\"\(c(x(points.count - 1)))\" y=\"\(c(bottom + 16))\" text-anchor=\"end\">#\(last.runId)</text>"
            }
            out += "</g>"
        }
        out += "</g>\n"
    }

    private func renderTable(into out: inout String) {
        out += "<table class=\"history\"><thead><tr><th class=\"num\">Run</th><th>Started</th><th>Verdict</th><th class=\"num\">Success rate</th><th class=\"num\">p99</th><th class=\"num\">Time to open</th><th class=\"num\">Time to close</th><th>Commit</th></tr></thead><tbody>\n"
        for point in points.reversed() {
            let verdict = point.verdict == "passed" ? "pass" : "fail"
            out += "<tr\(point.isCurrent ? " class=\"current\"" : "")><td class=\"num\">\(point.isCurrent ? "this run" : "#\(point.runId)")</td><td>\(Markup.html(point.startedAt))</td>"
            out += "<td class=\"status \(verdict)\">\(Markup.html(point.verdict))</td><td class=\"num\">\(Formatting.percent(point.successRate))</td>"
            out += "<td class=\"num\">\(Formatting.duration(ms: point.p99Ms))</td>"
            out += "<td class=\"num\">\(point.timeToOpenMs.map { Formatting.duration(ms: $0) } ?? "–")</td>"
            out += "<td class=\"num\">\(point.timeToCloseMs.map { Formatting.duration(ms: $0) } ?? "–")</td>"
            out += "<td><code>\(Markup.html(String((point.commit ?? "").prefix(12))))</code></td></tr>\n"
        }
        out += "</tbody></table>\n"
    }
}
