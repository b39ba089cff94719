import AirmEngine

/// The tabular sections of the HTML report: providers, transitions and the experiment file.
extension HTMLReporter {
    /// The transition log lists at most this many rows, to keep the page small for a flapping breaker.
    static let transitionRowLimit = 2000

    // MARK: - Providers

    static func appendProviders(_ result: RunResult, order: [String], to out: inout String) {
        out += "<section id=\"providers\">\n<h2>Providers</h2>\n"
        let names = order.filter { result.providers[$0] != nil }
        guard !names.isEmpty else {
            out += "<p class=\"muted\">No provider calls were recorded.</p>\n</section>\n"
            return
        }
        let kinds = Set(names.flatMap { result.providers[$0]?.errors.keys.map { $0 } ?? [] }).sorted()
        out += "<div class=\"scroll\"><table class=\"numeric\"><thead><tr><th>Provider</th><th>Calls</th><th>Successes</th><th>Rejected</th>"
        for kind in kinds { out += "<th>\(Markup.html(kind))</th>" }
        out += "<th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th><th>mean</th></tr></thead><tbody>\n"
        for name in names {
            guard let provider = result.providers[name] else { continue }
            out += "<tr><th>\(Markup.html(name))</th><td>\(provider.calls)</td><td>\(provider.successes)</td><td>\(provider.rejected)</td>"
            for kind in kinds {
                let count = provider.errors[kind] ?? 0
                out += count > 0 ? "<td class=\"bad\">\(count)</td>" : "<td class=\"muted\">0</td>"
            }
            let l = provider.latencyMs
            for value in [l.p50, l.p90, l.p95, l.p99, l.max, l.mean] {
                out += "<td>\(Formatting.duration(ms: value))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        if !kinds.isEmpty { out += "<p class=\"note\">Error columns count failed attempts by kind. Latency is per attempt.</p>\n" }
        out += "</section>\n"
    }

    // MARK: - The application (mode: app)

    /// The answers' status classes, the breaker sources and where they disagree.
    static func appendApplication(_ result: RunResult, to out: inout String) {
        guard let app = result.app else { return }
        out += "<section id=\"application\">\n<h2>Application</h2>\n"
        let classes = app.statusClasses.sorted { $0.key < $1.key }.map { "\(Markup.html($0.key)): \($0.value)" }
        out += "<p>Answers by status: \(classes.isEmpty ? "none" : classes.joined(separator: ", ")).</p>\n"
        out += "<p>Breakers observed by \(app.sources.map(Markup.html).joined(separator: " and ")); checks judge <strong>\(Markup.html(app.judged))</strong>.</p>\n"
        if let polls = app.polls { out += "<p class=\"note\">\(polls) polls of the app's breaker status, \(app.failedPolls ?? 0) unreadable.</p>\n" }
        if app.disagreements.isEmpty {
            if app.sources.count > 1 { out += "<p>The sources agree on every open and close, within 1 s.</p>\n" }
        } else {
            out += "<p class=\"bad\">Where the sources disagree:</p>\n<ul>\n"
            for line in app.disagreements { out += "<li>\(Markup.html(line))</li>\n" }
            out += "</ul>\n"
        }
        if let log = app.log { out += "<p class=\"note\">The app's output: <code>\(Markup.html(log))</code></p>\n" }
        out += "</section>\n"
    }

    // MARK: - Transitions

    static func appendTransitions(_ result: RunResult, to out: inout String) {
        out += "<section id=\"transitions\">\n<h2>Breaker transitions</h2>\n"
        guard !result.transitions.isEmpty else {
            out += "<p class=\"muted\">No breaker changed state.</p>\n</section>\n"
            return
        }
        let ordered = result.transitions.enumerated().sorted { ($0.element.atMs, $0.offset) < ($1.element.atMs, $1.offset) }.map(\.element)
        out += "<table class=\"transitions\"><thead><tr><th class=\"num\">At</th><th>Breaker</th><th>Change</th><th>Reason</th></tr></thead><tbody>\n"
        for transition in ordered.prefix(transitionRowLimit) {
            let to = BreakerLane.stateClass(transition.to)
            let breaker = transition.observed.map { "\(transition.provider) · \($0)" } ?? transition.provider
            out += "<tr><td class=\"num\">\(Formatting.seconds(ms: transition.atMs))s</td><td>\(Markup.html(breaker))</td>"
            out += "<td><span class=\"state t-\(BreakerLane.stateClass(transition.from))\">\(Markup.html(transition.from.rawValue))</span> → "
            out += "<span class=\"state t-\(to)\">\(Markup.html(transition.to.rawValue))</span></td><td>\(Markup.html(transition.reason))</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if ordered.count > transitionRowLimit {
            out += "<p class=\"note\">\(ordered.count - transitionRowLimit) later transitions are not listed here; the JSON result holds them all.</p>\n"
        }
        out += "</section>\n"
    }

    // MARK: - Causes

    /// Live runs: why calls failed, per provider and error kind. Nothing when no cause was kept.
    static func appendErrorSamples(_ result: RunResult, to out: inout String) {
        let rows = result.providers.sorted { $0.key < $1.key }.flatMap { name, summary in
            (summary.errorSamples ?? [:]).sorted { $0.key < $1.key }.map { (name, $0.key, $0.value) }
        }
        guard !rows.isEmpty else { return }
        out += "<section id=\"causes\">\n<h2>Why calls failed</h2>\n"
        out += "<table class=\"causes\"><thead><tr><th>Provider</th><th>Kind</th><th>First distinct causes</th></tr></thead><tbody>\n"
        for (provider, kind, causes) in rows {
            out += "<tr><td>\(Markup.html(provider))</td><td>\(Markup.html(kind))</td><td>"
            out += causes.map { "<code>\(Markup.html($0))</code>" }.joined(separator: "<br>")
            out += "</td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n"
    }

    // MARK: - Source

    static func appendSource(_ result: RunResult, to out: inout String) {
        out += "<section id=\"source\">\n<h2>Experiment file <small>\(Markup.html(result.experiment.file))</small></h2>\n"
        if result.source.isEmpty {
            out += "<p class=\"muted\">The experiment's source was not recorded.</p>\n"
        } else {
            out += "<pre class=\"source\">\(Markup.html(result.source))</pre>\n"
        }
        out += "</section>\n"
    }
}
