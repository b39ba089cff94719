import AirmEngine
import AirmSpec

/// The readable schedule `airm plan` prints: duration, each stream with its expected request
/// count, each fault window in seconds, the breaker settings per provider, and the total.
enum PlanFormatter {
    static func render(_ plan: Plan) -> String {
        let experiment = plan.experiment
        var lines: [String] = []
        lines.append("Experiment \(experiment.name) (\(experiment.file))")
        lines.append("Duration   \(experiment.duration) (\(seconds(experiment.duration))), seed \(plan.askedSeed), mode \(plan.mode.rawValue)")
        if let shard = plan.choices.trafficShard {
            lines.append("Shard      traffic \(shard.index)/\(shard.count): 1/\(shard.count) of every stream, drawing from seed \(plan.seed)")
        }

        lines.append("")
        lines.append("Traffic")
        for (stream, planned) in zip(experiment.traffic, plan.streams) {
            let count = count(planned.estimate)
            var line = "  \(pad(stream.name, 14)) \(pad(shape(stream.shape), 34)) \(seconds(planned.start)) – \(seconds(planned.end))  \(count) requests"
            if let note = planned.estimate.note { line += " (\(note))" }
            lines.append(line)
        }

        lines.append("")
        lines.append("Faults")
        if experiment.faults.isEmpty { lines.append("  none") }
        for (fault, planned) in zip(experiment.faults, plan.faults) {
            let window = planned.span.map { "\(seconds($0.start)) – \(seconds($0.end))" } ?? "unresolved"
            var line = "  \(pad(fault.name, 20)) \(pad(planned.type, 12)) on \(pad(fault.target.text, 16)) \(window)"
            if fault.probability != .one { line += "  probability \(fault.probability)" }
            lines.append(line)
        }

        lines.append("")
        if let app = experiment.app {
            // The app's own code is the policy: airm sends each request once and observes.
            let request = app.request
            lines.append("App        \(request.method.rawValue.uppercased()) \(request.url), timeout \(request.timeout), ok when status "
                + request.okWhen.map(\.description).joined(separator: ", "))
            lines.append("  breakers   inferred from the fakes" + (app.breakers.map { ", read from \($0.url) (\($0.kind), every \($0.every))" } ?? ""))
            lines.append("  providers  " + plan.providers.map(\.name).joined(separator: ", ") + ": a fake each, on its own port")
        } else {
            lines.append("Policy     route \(experiment.policy.route.joined(separator: " → "))"
                + (experiment.policy.deadline.map { ", deadline \($0)" } ?? "")
                + (experiment.policy.fallback == nil ? "" : ", static fallback"))
            for provider in plan.providers {
                let settings = provider.policy
                lines.append("  \(pad(provider.name, 14)) timeout \(settings.timeout), attempts \(settings.retry.maxAttempts), breaker: \(breaker(settings.breaker))")
            }
        }

        let (total, exact) = plan.expectedRequests
        lines.append("")
        lines.append("Total      \(exact ? "" : "~")\(Int64(total.rounded())) requests\(exact ? "" : " (expected)")")
        return lines.joined(separator: "\n")
    }

    // MARK: - Pieces

    static func breaker(_ b: BreakerPolicy) -> String {
        var rules: [String] = []
        if b.consecutiveFailures > 0 { rules.append("\(b.consecutiveFailures) consecutive failures") }
        if let rate = b.failureRate { rules.append("failure rate ≥ \(rate) over \(window(b.window)) (min \(b.minimumCalls) calls)") }
        if let slow = b.slowCall { rules.append("slow calls over \(slow.over) ≥ \(slow.rate)") }
        var text = rules.isEmpty ? "never opens by itself" : "opens on " + rules.joined(separator: " or ")
        text += "; open \(b.openFor)"
        if let backoff = b.openBackoff { text += " ×\(number(backoff.multiplier)) up to \(backoff.max)" }
        text += "; half-open \(b.halfOpen.probes) probes, closes after \(b.halfOpen.closeAfter)"
        return text
    }

    static func shape(_ shape: TrafficStream.Shape) -> String {
        switch shape {
        case .rate(let rate, let arrivals): "rate \(rate) \(arrivals.rawValue)"
        case .stages(let stages): "stages " + stages.map { "\($0.from)→\($0.to) over \($0.over)" }.joined(separator: ", ")
        case .burst(let count, let at, let over): "burst \(count) at \(at) over \(over)"
        case .users(let users, let think): "users \(users), think \(thinkText(think))"
        }
    }

    private static func thinkText(_ think: TrafficStream.Think) -> String {
        switch think {
        case .fixed(let span): span.description
        case .exponential(let mean): "exponential \(mean)"
        }
    }

    private static func window(_ window: BreakerPolicy.Window) -> String {
        switch window {
        case .calls(let n): "\(n) calls"
        case .time(let span): span.description
        }
    }

    private static func count(_ estimate: TrafficEstimate) -> String {
        let rounded = Int64(estimate.requests.rounded())
        return estimate.exact ? "\(rounded)" : "~\(rounded)"
    }

    static func seconds(_ span: TimeSpan) -> String {
        "\(number((span.seconds * 1000).rounded() / 1000))s"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
