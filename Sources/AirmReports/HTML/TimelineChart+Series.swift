import AirmEngine

/// The series lanes of the timeline: request rate stacked by outcome, and latency percentiles.
extension TimelineChart {
    /// Outcomes from the bottom of the stack up, with their CSS class suffix and label.
    static let outcomes: [(key: String, label: String, count: @Sendable (Series.Bucket) -> Int)] = [
        ("ok", "ok", { $0.ok }),
        ("fallback", "fallback", { $0.fallback }),
        ("degraded", "degraded", { $0.degraded }),
        ("failed", "failed", { $0.failed }),
        ("dropped", "dropped", { $0.dropped }),
    ]

    static let percentiles: [(key: String, value: @Sendable (Series.BucketLatency) -> Double)] = [
        ("p50", { $0.p50 }),
        ("p95", { $0.p95 }),
        ("p99", { $0.p99 }),
    ]

    /// The width of bucket `index` in ms (the last one may be cut by the axis end).
    private func span(_ bucket: Series.Bucket) -> (from: Double, to: Double) {
        let width = result.series.bucketMs > 0 ? result.series.bucketMs : 1000
        return (bucket.startMs, bucket.startMs + width)
    }

    private var bucketSeconds: Double {
        result.series.bucketMs > 0 ? result.series.bucketMs / 1000 : 1
    }

    // MARK: - Request rate

    func renderRate(into out: inout String) {
        let c = ChartScale.coord
        let buckets = result.series.buckets
        let perSecond = 1 / bucketSeconds
        let maxRate = buckets.map { b in Double(Self.outcomes.reduce(0) { $0 + $1.count(b) }) * perSecond }.max() ?? 0
        let bound = ChartScale.niceBound(maxRate)
        let bottom = rateTop + Self.rateHeight
        func y(_ rate: Double) -> Double { bottom - rate / bound.max * Self.rateHeight }

        renderValueAxis(title: "req/s", top: rateTop, height: Self.rateHeight, bound: bound, label: { Formatting.trimmed($0, 1) }, into: &out)
        var below = Array(repeating: 0.0, count: buckets.count)
        for outcome in Self.outcomes {
            let rates = buckets.map { Double(outcome.count($0)) * perSecond }
            guard rates.contains(where: { $0 > 0 }) else { continue }
            let above = zip(below, rates).map { $0 + $1 }
            var d = ""
            d.reserveCapacity(buckets.count * 24)
            for (index, bucket) in buckets.enumerated() {
                let (from, to) = span(bucket)
                d += index == 0 ? "M\(c(x(from))) \(c(y(above[index])))" : "V\(c(y(above[index])))"
                d += "H\(c(x(to)))"
            }
            for index in buckets.indices.reversed() {
                let (from, _) = span(buckets[index])
                d += "V\(c(y(below[index])))H\(c(x(from)))"
            }
            out += "<path class=\"o-\(outcome.key)\" d=\"\(d)Z\"/>\n"
            below = above
        }
        if buckets.isEmpty {
            out += "<text class=\"empty\" x=\"\(c(Self.left + Self.plotWidth / 2))\" y=\"\(c(rateTop + Self.rateHeight / 2))\">no requests recorded</text>\n"
        }
    }

    // MARK: - Latency

    func renderLatency(into out: inout String) {
        let c = ChartScale.coord
        let buckets = result.series.buckets.filter { b in Self.outcomes.prefix(4).contains { $0.count(b) > 0 } || b.latencyMs.p99 > 0 }
        let maxLatency = buckets.map { max($0.latencyMs.p99, $0.latencyMs.p95, $0.latencyMs.p50) }.max() ?? 0
        let bound = ChartScale.niceBound(maxLatency)
        let bottom = latencyTop + Self.latencyHeight
        func y(_ ms: Double) -> Double { bottom - min(ms, bound.max) / bound.max * Self.latencyHeight }

        renderValueAxis(title: "latency", top: latencyTop, height: Self.latencyHeight, bound: bound, label: ChartScale.latencyLabel, into: &out)
        let gap = (result.series.bucketMs > 0 ? result.series.bucketMs : 1000) * 1.5
        // p50 first and p99 last, so p99 stays visible where it meets p95. A bucket with no neighbour
        // within the gap has no line to be part of: it is drawn as a point.
        for percentile in Self.percentiles {
            var d = ""
            d.reserveCapacity(buckets.count * 14)
            var points = ""
            for (index, bucket) in buckets.enumerated() {
                let (from, to) = span(bucket)
                let joinsPrevious = index > 0 && bucket.startMs - buckets[index - 1].startMs <= gap
                let joinsNext = index + 1 < buckets.count && buckets[index + 1].startMs - bucket.startMs <= gap
                let px = c(x((from + to) / 2)), py = c(y(percentile.value(bucket.latencyMs)))
                d += "\(joinsPrevious ? "L" : "M")\(px) \(py)"
                if !joinsPrevious && !joinsNext { points += "<circle class=\"pt-\(percentile.key)\" cx=\"\(px)\" cy=\"\(py)\" r=\"2.5\"/>" }
            }
            if !d.isEmpty { out += "<path class=\"l-\(percentile.key)\" d=\"\(d)\"/>\n" }
            if !points.isEmpty { out += "<g>\(points)</g>\n" }
        }
    }

    // MARK: - Value axes

    private func renderValueAxis(title: String, top: Double, height: Double, bound: (max: Double, step: Double),
                                 label: (Double) -> String, into out: inout String) {
        let c = ChartScale.coord
        var grid = ""
        var labels = ""
        var value = 0.0
        while value <= bound.max + bound.step / 2 {
            let py = top + height - value / bound.max * height
            grid += "M\(c(Self.left)) \(c(py))H\(c(Self.left + Self.plotWidth))"
            labels += "<text x=\"\(c(Self.left - 6))\" y=\"\(c(py + 4))\">\(label(value))</text>"
            value += bound.step
        }
        out += "<path class=\"grid\" d=\"\(grid)\"/>\n<g class=\"axis-y\">\(labels)</g>\n"
        out += "<text class=\"lane-title\" x=\"8\" y=\"\(c(top + height / 2 + 4))\">\(title)</text>\n"
    }

    // MARK: - Hover data

    /// The JSON read by the page script to show values under the pointer; numbers and provider names only.
    func hoverData() -> String {
        let buckets = result.series.buckets
        var out = "{\"end\":\(Formatting.trimmed(endMs, 1)),\"left\":\(Self.left),\"plot\":\(Self.plotWidth),\"width\":\(Self.width)"
        out += ",\"w\":\(Formatting.trimmed(result.series.bucketMs > 0 ? result.series.bucketMs : 1000, 1))"
        out += ",\"t\":[" + buckets.map { Formatting.trimmed($0.startMs, 1) }.joined(separator: ",") + "]"
        for outcome in Self.outcomes {
            out += ",\"\(outcome.key)\":[" + buckets.map { String(outcome.count($0)) }.joined(separator: ",") + "]"
        }
        for percentile in Self.percentiles {
            out += ",\"\(percentile.key)\":[" + buckets.map { Formatting.trimmed(percentile.value($0.latencyMs), 1) }.joined(separator: ",") + "]"
        }
        out += ",\"states\":["
        out += lanes.map { lane in
            let codes = lane.states(at: buckets.map { min(span($0).to, endMs) }).map { state -> String in
                switch state {
                case .closed: "c"
                case .open: "o"
                case .halfOpen: "h"
                case .forcedOpen, .disabled: "x"
                }
            }.joined()
            return "[" + Self.jsonString(lane.provider) + ",\"" + codes + "\"]"
        }.joined(separator: ",")
        out += "]}"
        return out
    }

    /// A JSON string literal that is also safe inside an HTML `<script>` element.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "/": out += "\\/"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
