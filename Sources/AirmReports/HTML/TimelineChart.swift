import AirmEngine

/// The report's timeline: one inline SVG whose lanes share a single time axis.
///
/// Top to bottom: fault labels, one state lane per breaker, request rate stacked by outcome,
/// latency p50/p95/p99, and the time axis. Fault windows are shaded bands across every lane.
/// Coordinates are rounded to one decimal and each series is one `<path>`, so a 600-bucket run
/// stays small. Hover values come from a JSON block read by the page's inline script; without
/// JavaScript the chart, the `<title>` tooltips of lanes and faults, and the tables still read.
struct TimelineChart {
    // MARK: - Geometry

    static let width = 1200.0
    static let left = 128.0
    static let right = 16.0
    static let plotWidth = width - left - right
    static let laneHeight = 20.0
    static let laneGap = 6.0
    static let sectionGap = 18.0
    static let rateHeight = 140.0
    static let latencyHeight = 120.0
    static let labelRowHeight = 15.0
    static let maxLabelRows = 4
    /// Lanes with more state intervals than this are drawn compactly, without per-interval tooltips.
    static let detailedIntervalLimit = 200

    let result: RunResult
    let lanes: [BreakerLane]
    /// The end of the time axis: the run's duration, or later if transitions or buckets go past it.
    let endMs: Double
    /// For each fault (in result order), the label row it sits in.
    let faultRows: [Int]
    let lanesTop: Double
    let rateTop: Double
    let latencyTop: Double
    let axisTop: Double
    var height: Double { axisTop + 22 }

    init(result: RunResult) {
        self.result = result
        var end = result.experiment.durationMs
        for transition in result.transitions { end = max(end, transition.atMs) }
        if let last = result.series.buckets.last { end = max(end, last.startMs + result.series.bucketMs) }
        let axisEnd = end > 0 && end.isFinite ? end : 1000
        endMs = axisEnd
        // A run stopped early: the lanes end where it ended; the axis still shows the planned duration.
        let laneEnd = result.stoppedAtMs.map { stop in result.transitions.map(\.atMs).reduce(stop, max) } ?? axisEnd
        lanes = BreakerLane.lanes(result, endMs: laneEnd)
        faultRows = Self.labelRows(result.faults, endMs: endMs)
        let rows = Double((faultRows.max() ?? -1) + 1)
        lanesTop = 6 + rows * Self.labelRowHeight + (rows > 0 ? 4 : 0)
        let lanesBottom = lanesTop + Double(lanes.count) * (Self.laneHeight + Self.laneGap) - (lanes.isEmpty ? 0 : Self.laneGap)
        rateTop = lanesBottom + Self.sectionGap
        latencyTop = rateTop + Self.rateHeight + Self.sectionGap
        axisTop = latencyTop + Self.latencyHeight
    }

    /// The x coordinate of time `ms`, clamped to the plot.
    func x(_ ms: Double) -> Double {
        Self.left + min(max(ms, 0), endMs) / endMs * Self.plotWidth
    }

    // MARK: - Rendering

    /// Appends the `<svg>` element to `out`; its hover data comes from `hoverData()`.
    func render(into out: inout String) {
        let c = ChartScale.coord
        out += "<svg id=\"timeline\" class=\"timeline\" viewBox=\"0 0 \(c(Self.width)) \(c(height))\" role=\"img\" aria-label=\"Timeline of faults, breaker states, request rate and latency\">\n"
        renderTimeGrid(into: &out)
        renderLanes(into: &out)
        renderRate(into: &out)
        renderLatency(into: &out)
        renderFaultBands(into: &out)
        renderStop(into: &out)
        out += "<line id=\"timeline-cursor\" class=\"cursor\" x1=\"0\" y1=\"\(c(lanesTop))\" x2=\"0\" y2=\"\(c(axisTop))\"/>\n"
        out += "</svg>\n"
    }

    private func renderTimeGrid(into out: inout String) {
        let c = ChartScale.coord
        let step = ChartScale.timeStep(rangeMs: endMs)
        var grid = ""
        var labels = ""
        var t = 0.0
        while t <= endMs + 0.5 {
            let px = c(x(t))
            grid += "M\(px) \(c(lanesTop))V\(c(axisTop))"
            labels += "<text x=\"\(px)\" y=\"\(c(axisTop + 15))\">\(ChartScale.timeLabel(ms: t))</text>"
            t += step
        }
        out += "<path class=\"grid\" d=\"\(grid)\"/>\n<g class=\"axis-x\">\(labels)</g>\n"
        out += "<path class=\"axis\" d=\"M\(c(Self.left)) \(c(axisTop))H\(c(Self.left + Self.plotWidth))\"/>\n"
    }

    // MARK: - Breaker lanes

    private func renderLanes(into out: inout String) {
        let c = ChartScale.coord
        for (index, lane) in lanes.enumerated() {
            let top = lanesTop + Double(index) * (Self.laneHeight + Self.laneGap)
            let name = Markup.html(lane.label)
            let shown = lane.label.count > 17 ? Markup.html(String(lane.label.prefix(16)) + "…") : name
            out += "<g class=\"lane\"><text class=\"lane-label\" x=\"\(c(Self.left - 8))\" y=\"\(c(top + 14))\">\(shown)<title>\(name)</title></text>\n"
            if lane.intervals.count <= Self.detailedIntervalLimit {
                renderDetailedLane(lane, top: top, into: &out)
            } else {
                renderCompactLane(lane, top: top, into: &out)
            }
            out += "</g>\n"
        }
    }

    /// Each interval a `<rect>` with a tooltip and, where it fits, its state and length; each transition a marker.
    private func renderDetailedLane(_ lane: BreakerLane, top: Double, into out: inout String) {
        let c = ChartScale.coord
        let name = Markup.html(lane.provider)
        for interval in lane.intervals {
            let x0 = x(interval.fromMs)
            let minWidth = interval.state == .closed ? 0.5 : 2
            let width = max(x(interval.toMs) - x0, minWidth)
            let span = Formatting.duration(ms: interval.toMs - interval.fromMs)
            let stateName = interval.state.rawValue.replacingUnderscores
            out += "<rect class=\"s-\(BreakerLane.stateClass(interval.state))\" x=\"\(c(x0))\" y=\"\(c(top))\" width=\"\(c(width))\" height=\"\(c(Self.laneHeight))\">"
            out += "<title>\(name) \(Markup.html(stateName)) from \(ChartScale.timeLabel(ms: interval.fromMs)) to \(ChartScale.timeLabel(ms: interval.toMs)) (\(span))</title></rect>"
            let text = "\(stateName) \(span)"
            if width > Double(text.count) * 6.4 + 8 {
                out += "<text class=\"lane-text\" x=\"\(c(x0 + width / 2))\" y=\"\(c(top + 14))\">\(Markup.html(text))</text>"
            } else if width > Double(stateName.count) * 6.4 + 8 {
                out += "<text class=\"lane-text\" x=\"\(c(x0 + width / 2))\" y=\"\(c(top + 14))\">\(Markup.html(stateName))</text>"
            }
            out += "\n"
        }
        renderLaneNotes(lane, top: top, into: &out)
        for transition in lane.transitions {
            let px = c(x(transition.atMs))
            let tip = "\(Formatting.seconds(ms: transition.atMs))s \(transition.from.rawValue) → \(transition.to.rawValue)" + (transition.reason.isEmpty ? "" : ": \(transition.reason)")
            out += "<path class=\"marker\" d=\"M\(px) \(c(top - 3))V\(c(top + Self.laneHeight + 3))\"><title>\(Markup.html(tip))</title></path>"
        }
    }

    /// A flapping breaker: one path per state (half-open drawn last, with a minimum width, so it shows), no per-transition markers,
    /// so thousands of transitions stay small. The transition table below lists them.
    private func renderCompactLane(_ lane: BreakerLane, top: Double, into out: inout String) {
        let c = ChartScale.coord
        var paths: [String: String] = [:]
        for interval in lane.intervals {
            let x0 = x(interval.fromMs)
            let width = max(x(interval.toMs) - x0, interval.state == .halfOpen ? 1.5 : 0.3)
            paths[BreakerLane.stateClass(interval.state), default: ""] += "M\(c(x0)) \(c(top))h\(c(width))v\(c(Self.laneHeight))h-\(c(width))Z"
        }
        out += "<g><title>\(Markup.html(lane.provider)): \(lane.transitions.count) transitions, listed below</title>"
        // Half-open last: its short stays have a minimum width and must not be covered.
        for state in ["closed", "other", "open", "half_open"] {
            guard let d = paths[state] else { continue }
            out += "<path class=\"s-\(state)\" d=\"\(d)\"/>"
        }
        out += "</g>\n"
        renderLaneNotes(lane, top: top, into: &out)
    }

    // MARK: - Fault bands

    private func renderFaultBands(into out: inout String) {
        let c = ChartScale.coord
        for (fault, row) in zip(result.faults, faultRows) {
            let x0 = x(fault.startMs)
            let width = max(x(max(fault.endMs, fault.startMs)) - x0, 1.5)
            let tip = "\(fault.name): \(fault.type) on \(fault.target), \(ChartScale.timeLabel(ms: fault.startMs))–\(ChartScale.timeLabel(ms: fault.endMs))"
            let labelY = 6 + Double(row) * Self.labelRowHeight + 10
            out += "<g class=\"fault\"><title>\(Markup.html(tip))</title>"
            out += "<rect class=\"band\" x=\"\(c(x0))\" y=\"\(c(lanesTop - 3))\" width=\"\(c(width))\" height=\"\(c(axisTop - lanesTop + 3))\"/>"
            out += "<path class=\"band-edge\" d=\"M\(c(x0)) \(c(labelY - 9))V\(c(axisTop))M\(c(x0 + width)) \(c(lanesTop - 3))V\(c(axisTop))\"/>"
            let label = labelExtent(fault)
            let anchor = label.flipped ? " text-anchor=\"end\"" : ""
            let textX = label.flipped ? label.end : label.start
            out += "<text class=\"band-label\" x=\"\(c(textX))\" y=\"\(c(labelY))\"\(anchor)>\(Markup.html(Self.faultLabel(fault)))</text></g>\n"
        }
    }

    /// On a lane: each `within` deadline of an assertion on its breaker (red when missed), and how
    /// many times it went half-open, which a probe failing at once makes too narrow to see.
    private func renderLaneNotes(_ lane: BreakerLane, top: Double, into out: inout String) {
        let c = ChartScale.coord
        for assertion in result.assertions where assertion.provider == lane.provider {
            guard let deadline = assertion.deadlineMs else { continue }
            let missed = !assertion.passed && assertion.notEvaluated != true
            let px = x(deadline)
            out += "<g class=\"deadline\(missed ? " missed" : "")\"><title>deadline of “\(Markup.html(assertion.name))” at \(ChartScale.timeLabel(ms: deadline))</title>"
            out += "<path d=\"M\(c(px - 4)) \(c(top - 5))L\(c(px)) \(c(top + 1))L\(c(px + 4)) \(c(top - 5))M\(c(px)) \(c(top + 1))V\(c(top + Self.laneHeight))\"/></g>"
        }
        let halfOpens = lane.transitions.filter { $0.to == .halfOpen }.count
        if halfOpens > 0 {
            out += "<text class=\"half-count\" x=\"\(c(Self.left + Self.plotWidth - 4))\" y=\"\(c(top + 14))\" text-anchor=\"end\">half-open ×\(halfOpens)</text>"
        }
    }

    /// A run stopped early: a marked line where arrivals stopped.
    private func renderStop(into out: inout String) {
        guard let stop = result.stoppedAtMs else { return }
        let c = ChartScale.coord
        let label = "\(result.stopReason ?? "stopped") at \(ChartScale.timeLabel(ms: stop))"
        let flipped = stop > endMs / 2
        out += "<g class=\"stop\"><title>\(Markup.html(label))</title>"
        out += "<path d=\"M\(c(x(stop))) \(c(lanesTop - 3))V\(c(axisTop))\"/>"
        out += "<text x=\"\(c(x(stop) + (flipped ? -4 : 4)))\" y=\"\(c(axisTop - 4))\"\(flipped ? " text-anchor=\"end\"" : "")>"
        out += "\(Markup.html(label))</text></g>\n"
    }

    static func faultLabel(_ fault: RunResult.FaultWindow) -> String {
        "\(fault.name) (\(fault.type))"
    }

    /// Where a fault's label sits: after the band's start, or ending at the plot's right edge
    /// (`flipped`) when it would run past it.
    func labelExtent(_ fault: RunResult.FaultWindow) -> (start: Double, end: Double, flipped: Bool) {
        Self.labelExtent(fault, endMs: endMs)
    }

    private static func labelExtent(_ fault: RunResult.FaultWindow, endMs: Double) -> (start: Double, end: Double, flipped: Bool) {
        let start = left + min(max(fault.startMs, 0), endMs) / endMs * plotWidth + 3
        let width = Double(faultLabel(fault).count) * 6.4
        let limit = left + plotWidth
        if start + width <= limit { return (start, start + width, false) }
        let end = max(limit, left + width)
        return (end - width, end, true)
    }

    /// Greedy label placement: each fault goes to the first row whose previous label ends before it starts.
    static func labelRows(_ faults: [RunResult.FaultWindow], endMs: Double) -> [Int] {
        var rowEnds: [Double] = []
        var rows = Array(repeating: 0, count: faults.count)
        let order = faults.indices.sorted { (faults[$0].startMs, $0) < (faults[$1].startMs, $1) }
        for index in order {
            let extent = labelExtent(faults[index], endMs: endMs)
            let start = extent.start
            let end = extent.end + 8
            if let row = rowEnds.firstIndex(where: { $0 <= start }) {
                rows[index] = row
                rowEnds[row] = end
            } else if rowEnds.count < maxLabelRows {
                rows[index] = rowEnds.count
                rowEnds.append(end)
            } else {
                let row = rowEnds.indices.min { rowEnds[$0] < rowEnds[$1] } ?? 0
                rows[index] = row
                rowEnds[row] = max(rowEnds[row], end)
            }
        }
        return rows
    }
}

extension String {
    /// `half_open` → `half-open`, for labels.
    var replacingUnderscores: String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
