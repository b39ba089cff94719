import AirmEngine
import AirmReports
import AirmSpec

/// The console output of `airm run` (docs/cli.md): a verdict line per experiment, each failed
/// assertion with its observed value, each breaker transition unless quiet, and where reports went.
struct ConsoleReporter {
    let world: World
    let quiet: Bool

    func result(_ result: RunResult) {
        let info = result.experiment
        let verdict = label(result.verdict)
        let failed = result.assertions.filter { !$0.passed }.count
        let summary = "\(result.summary.requests) requests, \(result.assertions.count - failed)/\(result.assertions.count) assertions passed"
        world.print("\(verdict) \(info.name) (\(info.file), \(info.mode.rawValue), seed \(info.seed), \(ConsoleFormat.duration(ms: info.durationMs)), \(summary))")
        if let stopped = result.stoppedAtMs {
            world.print("  \(Self.stopLine(result, at: stopped))")
        }
        if !quiet {
            for transition in result.transitions {
                world.print("    \(ConsoleFormat.seconds(ms: transition.atMs)) \(transition.provider) \(transition.from.rawValue) → \(transition.to.rawValue): \(transition.reason)")
            }
        }
        for assertion in result.assertions where !assertion.passed && assertion.notEvaluated != true {
            world.print("  \(paint("✗", code: 31)) \(assertion.name)")
            world.print("      expected \(assertion.expected), observed \(assertion.observed): \(assertion.message)")
        }
        for (provider, summary) in result.providers.sorted(by: { $0.key < $1.key }) {
            for (kind, causes) in (summary.errorSamples ?? [:]).sorted(by: { $0.key < $1.key }) {
                world.print("  \(provider) \(kind): \(causes.joined(separator: "; "))")
            }
        }
    }

    /// "interrupted by SIGINT at 31s: 5 held, 3 not evaluated", or, for an `abort_on_fail` stop,
    /// "stopped at 12s: gemini opens within 5s can no longer hold: 1 failed, 2 not evaluated".
    static func stopLine(_ result: RunResult, at ms: Double) -> String {
        let held = result.assertions.filter(\.passed).count
        let skipped = result.assertions.filter { $0.notEvaluated == true }.count
        let failed = result.assertions.count - held - skipped
        var counts = ["\(held) held"]
        if failed > 0 { counts.append("\(failed) failed") }
        counts.append("\(skipped) not evaluated")
        let reason = result.stopReason ?? "stopped"
        let at = ConsoleFormat.duration(ms: ms)
        let head = reason.hasPrefix("interrupted") ? "\(reason) at \(at)" : "stopped at \(at): \(reason)"
        return "\(head): \(counts.joined(separator: ", "))"
    }

    func error(experiment: String, message: String) {
        world.print("\(paint("ERROR", code: 31)) \(experiment): \(message)")
    }

    func written(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        world.print("")
        world.print("Reports:")
        for path in paths { world.print("  \(path)") }
    }

    func totals(_ results: [RunResult], errors: [ExperimentError]) {
        let passed = results.filter { $0.verdict == .passed }.count
        let interrupted = results.filter { $0.verdict == .interrupted }.count
        let failed = results.count - passed - interrupted
        var parts = interrupted > 0 ? ["\(interrupted) interrupted"] : []
        parts += ["\(passed) passed", "\(failed) failed"]
        if !errors.isEmpty { parts.append("\(errors.count) could not run") }
        let total = results.count + errors.count
        world.print("\(total) experiment\(total == 1 ? "" : "s"): \(parts.joined(separator: ", "))")
    }

    private func label(_ verdict: RunResult.Verdict) -> String {
        switch verdict {
        case .passed: paint("PASS", code: 32)
        case .failed: paint("FAIL", code: 31)
        case .error: paint("ERROR", code: 31)
        case .interrupted: paint("INTERRUPTED", code: 33)
        }
    }

    private func paint(_ text: String, code: Int) -> String {
        world.usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Number formats for the console: no digit grouping, seconds with 3 decimals.
enum ConsoleFormat {
    static func seconds(ms: Double) -> String {
        let value = (ms / 1000 * 1000).rounded() / 1000
        return String(format: "%8.3fs", value)
    }

    static func duration(ms: Double) -> String {
        TimeSpan.milliseconds(ms).description
    }
}
