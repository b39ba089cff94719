import AirmEngine
import AirmSpec
import Foundation
import Testing
@testable import AirmReports

@Suite struct HTMLReporterTests {
    // MARK: - Sections

    @Test func sectionsAppearInOrder() throws {
        let html = HTMLReporter.render(Fixtures.outage, history: Fixtures.history)
        let markers = ["<header class=\"verdict v-failed\">", "id=\"assertions\"", "id=\"history\"", "id=\"timeline-section\"",
                       "id=\"providers\"", "id=\"transitions\"", "id=\"source\"", "id=\"metrics\""]
        var last = html.startIndex
        for marker in markers {
            let range = try #require(html.range(of: marker), "missing \(marker)")
            #expect(range.lowerBound > last, "\(marker) out of order")
            last = range.lowerBound
        }
    }

    @Test func headerNamesTheRun() {
        let html = HTMLReporter.render(Fixtures.outage)
        for text in ["<h1>gemini-outage</h1>", "<p class=\"badge\">FAILED</p>", "<dt>mode</dt><dd>simulated</dd>", "<dt>seed</dt><dd>42</dd>",
                     "<dt>duration</dt><dd>3m</dd>", "<dt>file</dt><dd>experiments/gemini-outage.yaml</dd>", "<dt>airm</dt><dd>0.1.0</dd>",
                     "<dt>started</dt><dd>2026-11-28T10:00:00Z</dd>", "Cohere keeps users served"] {
            #expect(html.contains(text), "missing \(text)")
        }
    }

    @Test func failedAssertionsComeFirst() throws {
        let html = HTMLReporter.render(Fixtures.outage)
        let failed = try #require(html.range(of: "<tr class=\"fail\">"))
        let passed = try #require(html.range(of: "<tr class=\"pass\">"))
        #expect(failed.lowerBound < passed.lowerBound)
        #expect(html.contains("<td>opened at 36.2s</td>"))
    }

    // MARK: - Timeline

    @Test func timelineHasFaultBandsLanesAndSeries() {
        let html = HTMLReporter.render(Fixtures.outage)
        #expect(html.contains("<svg id=\"timeline\""))
        #expect(count("<rect class=\"band\"", in: html) == 2)
        #expect(html.contains(">gemini-outage (unavailable)</text>"))
        #expect(html.contains(">cohere-slow (latency)</text>"))
        #expect(count("<g class=\"lane\">", in: html) == 2)
        #expect(html.contains("<text class=\"lane-label\" x=\"120\" y=\"54\">gemini<title>gemini</title></text>"))
        for cls in ["s-closed", "s-open", "s-half_open", "o-ok", "o-fallback", "o-failed", "l-p50", "l-p95", "l-p99"] {
            #expect(html.contains("class=\"\(cls)\""), "missing \(cls)")
        }
        #expect(!html.contains("class=\"o-dropped\" d="))
        #expect(count("class=\"marker\"", in: html) == 3)
        for tick in [">0s<", ">30s<", ">1m<", ">1m30s<", ">3m<"] {
            #expect(html.contains(tick), "missing axis tick \(tick)")
        }
    }

    @Test func breakerLanesFollowTheFileOrder() throws {
        let html = HTMLReporter.render(Fixtures.outage)
        let gemini = try #require(html.range(of: ">gemini<title>"))
        let cohere = try #require(html.range(of: ">cohere<title>"))
        #expect(gemini.lowerBound < cohere.lowerBound)
    }

    @Test func lateFaultLabelStaysInsideThePlot() {
        var result = Fixtures.outage
        result.faults.append(.init(name: "late-and-long-named-fault", target: "*", type: "timeout", startMs: 175_000, endMs: 180_000))
        let html = HTMLReporter.render(result)
        #expect(html.contains("y=\"16\" text-anchor=\"end\">late-and-long-named-fault (timeout)</text>"))
        #expect(html.contains("<text class=\"band-label\" x=\"1184\""))
    }

    @Test func longProviderNamesAreShortenedInTheGutter() {
        var result = Fixtures.outage
        result.transitions.append(.init(provider: "a-very-long-provider-name", atMs: 1000, from: .closed, to: .open, reason: ""))
        let html = HTMLReporter.render(result)
        #expect(html.contains(">a-very-long-prov…<title>a-very-long-provider-name</title></text>"))
    }

    // MARK: - Self-containment and escaping

    @Test(arguments: [Fixtures.outage, Fixtures.hour, Fixtures.hostile])
    func makesNoExternalReferences(result: RunResult) throws {
        let html = HTMLReporter.render(result, history: Fixtures.history)
        let patterns = [#"(?i)\b(src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(https?:|//)"#,
                        #"(?i)url\(\s*["']?\s*(https?:|//)"#, #"(?i)@import"#, #"(?i)<(link|img|iframe|object|embed|base)\b"#]
        for pattern in patterns {
            let regex = try NSRegularExpression(pattern: pattern)
            let found = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html))
            #expect(found == nil, "external reference matching \(pattern)")
        }
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }

    @Test func everyResultStringIsEscaped() {
        let html = HTMLReporter.render(Fixtures.hostile)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>bold"))
        #expect(!html.contains("<a href=\"https"))
        #expect(count("<script", in: html) == 2)
        #expect(html.contains("&lt;script&gt;alert(&#39;description&#39;)&lt;/script&gt; &amp; &quot;more&quot;"))
        #expect(html.contains("&lt;script&gt;alert(&#39;assertion&#39;)&lt;/script&gt;"))
        #expect(html.contains("# &lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;"))
        #expect(html.contains("# see &lt;a href=&quot;https:"))
        #expect(!html.unicodeScalars.contains("\u{1B}"))
    }

    // MARK: - Size and determinism

    @Test func hourLongRunStaysSmall() {
        let html = HTMLReporter.render(Fixtures.hour, history: Fixtures.history)
        #expect(html.utf8.count <= 2_000_000)
        #expect(count("<path", in: html) < 200)
        #expect(!html.contains(".00 "), "coordinates should be rounded to one decimal")
    }

    @Test func flappingBreakerStaysSmall() {
        var result = Fixtures.hour
        result.transitions = (0..<6000).map { k in
            let states: [BreakerState] = [.closed, .open, .halfOpen]
            return .init(provider: "gemini", atMs: Double(k) * 600, from: states[k % 3], to: states[(k + 1) % 3], reason: "failure rate 62% ≥ 50% over 20 calls")
        }
        let html = HTMLReporter.render(result)
        #expect(html.utf8.count <= 2_000_000)
        #expect(html.contains("gemini: 6000 transitions, listed below"))
        #expect(html.contains("4000 later transitions are not listed here"))
        #expect(count("<path", in: html) < 200)
    }

    @Test func renderingIsDeterministic() {
        #expect(HTMLReporter.render(Fixtures.hour) == HTMLReporter.render(Fixtures.hour))
    }

    @Test func emptyRunStillRenders() {
        var result = Fixtures.outage
        result.series = Series(bucketMs: 1000, buckets: [])
        result.transitions = []
        result.faults = []
        result.providers = [:]
        result.assertions = []
        result.experiment.durationMs = 0
        let html = HTMLReporter.render(result)
        #expect(html.contains("no requests recorded"))
        #expect(html.contains("This experiment has no assertions."))
        #expect(html.hasSuffix("</html>\n"))
    }

    // MARK: - Timeline marks

    @Test func deadlinesAreMarkedOnTheirBreakerLane() {
        var result = Fixtures.outage
        result.assertions[1].provider = "gemini"
        result.assertions[1].deadlineMs = 35_000
        let html = HTMLReporter.render(result)
        #expect(html.contains("<g class=\"deadline missed\"><title>deadline of “gemini opens within 5s after gemini-outage.start” at 35s</title>"))
    }

    @Test func anIsolatedLatencyBucketIsAPoint() {
        var result = Fixtures.outage
        let first = result.series.buckets[0]
        result.series.buckets = [first]
        let html = HTMLReporter.render(result)
        #expect(html.contains("<circle class=\"pt-p99\""))
        #expect(html.range(of: "class=\"l-p99\"")!.lowerBound > html.range(of: "class=\"l-p95\"")!.lowerBound, "p99 is drawn over p95")
    }

    @Test func faultTilesShowTimeToOpenAndClose() {
        let html = HTMLReporter.render(Fixtures.outage)
        #expect(html.contains("gemini-outage: time to open · close"), "\(html.prefix(3000))")
    }

    // MARK: - History

    @Test func historyAppearsOnlyWhenGiven() {
        #expect(!HTMLReporter.render(Fixtures.outage).contains("id=\"history\""))
        let html = HTMLReporter.render(Fixtures.outage, history: Fixtures.history)
        // The 12 earlier runs and this one.
        #expect(html.contains("<h2>History <small>last 13 runs</small></h2>"))
        #expect(html.contains("<svg class=\"trend\""))
        #expect(count("<td class=\"num\">#1", in: html) == 12)
        #expect(html.contains("<tr class=\"current\"><td class=\"num\">this run</td>"))
        #expect(html.contains("time to open") && html.contains("time to close"))
    }

    @Test func historyKeepsTheLastTwentyRuns() {
        let points = (1...30).map { TrendPoint(runId: Int64($0), startedAt: "2026-11-01T00:00:00Z", verdict: "passed", successRate: 1, p99Ms: 900) }
        let html = HTMLReporter.render(Fixtures.outage, history: points.shuffled())
        #expect(html.contains("last 20 runs"))
        #expect(html.contains(">this run</td>"))
        #expect(html.contains(">#30</td>"))
        #expect(html.contains(">#12</td>"))
        #expect(!html.contains(">#11</td>"))
    }

    @Test(arguments: [0, 1, 20])
    func trendWithEarlierRuns(_ runs: Int) {
        let points = (0..<runs).map { (index: Int) -> TrendPoint in
            let verdict = index % 3 == 0 ? "failed" : "passed"
            let opened: Double? = index % 2 == 0 ? 2500 : nil
            let rate = 0.9 + Double(index) / 200
            return TrendPoint(runId: Int64(index + 1), startedAt: "2026-11-01T00:00:00Z", verdict: verdict,
                              successRate: rate, p99Ms: 900 + Double(index), timeToOpenMs: opened)
        }
        let html = HTMLReporter.render(Fixtures.outage, history: points)
        #expect(html.contains("id=\"history\"") == (runs > 0))
        #expect(count("<svg class=\"trend\"", in: html) == (runs > 0 ? 1 : 0))
        #expect(count("<td class=\"num\">#", in: html) == min(runs, 19))
        if runs > 0 { #expect(html.contains("last \(min(runs + 1, 20)) runs")) }
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
