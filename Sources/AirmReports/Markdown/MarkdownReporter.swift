import AirmEngine

/// Renders results as GitHub-flavoured Markdown, sized for a CI job summary (`GITHUB_STEP_SUMMARY`).
///
/// Per experiment: a verdict line, a headline line, the assertion table (failed rows first) and
/// the breaker transitions. Each experiment's section stays under `maxBytesPerExperiment`;
/// rows that do not fit are left out with a note saying how many.
public enum MarkdownReporter {
    /// The size cap of one experiment's section, in UTF-8 bytes.
    public static let maxBytesPerExperiment = 64 * 1024

    static let format = ReportFormat(name: "markdown", fileExtension: "md", scope: .perRun,
                                     help: "Write a Markdown summary to this file.", jobSummary: true) { render($0.results) }

    /// Room kept free under the cap for the truncation notes and closing lines.
    private static let reserve = 1024

    // MARK: - Rendering

    /// A summary line for the whole run, then one section per experiment.
    public static func render(_ results: [RunResult]) -> String {
        let noun = results.count == 1 ? "experiment" : "experiments"
        let counts = RunResult.Verdict.allVerdicts.compactMap { verdict -> String? in
            let n = results.filter { $0.verdict == verdict }.count
            return n > 0 ? "\(n) \(verdict.rawValue)" : nil
        }
        var out = "## airm: \(results.count) \(noun)" + (counts.isEmpty ? "\n" : ": " + counts.joined(separator: ", ") + "\n")
        for result in results {
            out += "\n"
            out += render(result)
        }
        return out
    }

    /// One experiment's section.
    public static func render(_ result: RunResult) -> String {
        let budget = maxBytesPerExperiment - reserve
        var out = verdictLine(result)
        if let description = result.experiment.description, !description.isEmpty {
            out += "\n> " + clipped(Markup.markdownInline(description), bytes: 2000) + "\n"
        }
        out += "\n" + headline(result) + "\n"
        appendAssertions(result, budget: budget, to: &out)
        appendTransitions(result, budget: budget, to: &out)
        return out
    }

    // MARK: - Sections

    private static func verdictLine(_ result: RunResult) -> String {
        let icon = switch result.verdict {
        case .passed: "✅"
        case .failed: "❌"
        case .error: "⚠️"
        case .interrupted: "⏹️"
        }
        let failed = result.assertions.filter { !$0.passed }.count
        let skipped = result.assertions.filter { $0.notEvaluated == true }.count
        var line = "### \(icon) \(Markup.markdownInline(result.experiment.name)): \(result.verdict.rawValue)"
        let notEvaluated = skipped > 0 ? ", \(skipped) not evaluated" : ""
        line += result.assertions.isEmpty ? "\n" : " (\(result.assertions.count - failed) of \(result.assertions.count) assertions held\(notEvaluated))\n"
        if let stopped = result.stoppedAtMs {
            line += "\n_" + Markup.markdownInline("\(result.stopReason ?? "stopped") at \(Formatting.duration(ms: stopped))") + "_\n"
        }
        return line
    }

    private static func headline(_ result: RunResult) -> String {
        let summary = result.summary
        var parts = [
            result.experiment.mode.rawValue,
            "seed \(result.experiment.seed)",
            Formatting.duration(ms: result.experiment.durationMs),
            "\(summary.requests) requests",
            "success \(Formatting.percent(summary.successRate))",
            "p99 \(Formatting.duration(ms: summary.latencyMs.p99)) (all requests)",
        ]
        if let answered = summary.answeredLatencyMs { parts.append("p99 \(Formatting.duration(ms: answered.p99)) (answered)") }
        if summary.fallback > 0 { parts.append("\(summary.fallback) fallback") }
        if summary.failed > 0 { parts.append("\(summary.failed) failed") }
        if summary.dropped > 0 { parts.append("\(summary.dropped) dropped") }
        return parts.map(Markup.markdownInline).joined(separator: " · ") + "  \n`" + clipped(result.experiment.file.replacingBackticks, bytes: 500) + "`"
    }

    private static func appendAssertions(_ result: RunResult, budget: Int, to out: inout String) {
        guard !result.assertions.isEmpty else {
            out += "\nNo assertions.\n"
            return
        }
        let ordered = result.assertions.filter { !$0.passed } + result.assertions.filter(\.passed)
        out += "\n| | Assertion | Expected | Observed |\n|---|---|---|---|\n"
        var shown = 0
        for assertion in ordered {
            // A failed row also carries the message, which states what was observed.
            let detail = !assertion.passed && !assertion.message.isEmpty ? "<br>" + cell(assertion.message) : ""
            let icon = assertion.passed ? "✅" : assertion.notEvaluated == true ? "⏭️" : "❌"
            let row = "| " + icon + " | " + cell(assertion.name) + detail + " | "
                + cell(assertion.expected) + " | " + cell(assertion.observed) + " |\n"
            guard out.utf8.count + row.utf8.count <= budget else { break }
            out += row
            shown += 1
        }
        if shown < ordered.count {
            out += "\n_\(ordered.count - shown) more assertions not shown (size limit); see the HTML report._\n"
        }
    }

    private static func appendTransitions(_ result: RunResult, budget: Int, to out: inout String) {
        guard !result.transitions.isEmpty else {
            out += "\nNo breaker transitions.\n"
            return
        }
        out += "\n<details><summary>Breaker transitions (\(result.transitions.count))</summary>\n\n"
        var shown = 0
        for transition in result.transitions {
            var line = "- \(Formatting.seconds(ms: transition.atMs))s **\(Markup.markdownInline(transition.provider))** "
            line += "\(transition.from.rawValue) → \(transition.to.rawValue)"
            line += transition.reason.isEmpty ? "\n" : ": " + clipped(Markup.markdownInline(transition.reason), bytes: 500) + "\n"
            guard out.utf8.count + line.utf8.count <= budget else { break }
            out += line
            shown += 1
        }
        if shown < result.transitions.count {
            out += "\n_\(result.transitions.count - shown) more transitions not shown (size limit); see the HTML report._\n"
        }
        out += "\n</details>\n"
    }

    // MARK: - Cells

    /// A table cell, escaped and clipped so that one huge value cannot eat the whole budget.
    private static func cell(_ text: String) -> String {
        clipped(Markup.markdownCell(text), bytes: 2000)
    }

    /// `text` cut to at most `bytes` UTF-8 bytes (at a character boundary), with `…` when cut.
    private static func clipped(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var out = ""
        var used = 0
        for char in text {
            let size = char.utf8.count
            if used + size > bytes - 3 { break }
            out.append(char)
            used += size
        }
        return out + "…"
    }
}

extension RunResult.Verdict {
    /// Every verdict, in the order summaries list them.
    static let allVerdicts: [RunResult.Verdict] = [.passed, .failed, .error, .interrupted]
}

private extension String {
    /// The text with backticks replaced, so it can sit inside a code span.
    var replacingBackticks: String {
        String(map { $0 == "`" ? "'" : $0 }).filter { !$0.isNewline }
    }
}
