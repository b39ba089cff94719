import Histogram

/// How the results of N traffic shards become one (docs/cli.md "airm merge"):
///
/// - counts (requests by outcome, attempts, rejections, errors by kind) are summed;
/// - latency figures are read from the shards' histograms added bucket by bucket, so they are
///   what one histogram of every request would give;
/// - each assertion holds when it held on every shard: each shard judged it on its own breakers
///   and its own figures, as each replica of an application has its own breakers;
/// - transitions are every shard's, in time order, their reasons naming the shard.
extension ShardMerge {
    struct JoinError: Error {
        var reason: String
    }

    /// The shards of one experiment, checked by `check`, as one result.
    static func join(_ shards: [RunResult]) -> Result<RunResult, JoinError> {
        let shards = shards.sorted { label($0).index < label($1).index }
        var merged = shards[0]
        var histograms = HistogramSet()
        for shard in shards {
            guard let encoded = shard.histograms else { return .failure(JoinError(reason: "a shard has no histograms")) }
            do {
                try histograms.add(encoded)
            } catch {
                return .failure(JoinError(reason: "shard \(shard.trafficShard ?? "?") holds an unreadable histogram: \(error)"))
            }
        }
        merged.summary = summary(shards.map(\.summary), histograms)
        merged.providers = providers(shards, histograms)
        merged.transitions = transitions(shards)
        merged.assertions = assertions(shards)
        merged.series = SeriesMerge.merge(shards.map(\.series))
        merged.histograms = histograms.encoded
        merged.startedAt = shards.map(\.startedAt).min() ?? merged.startedAt
        merged.wallMs = shards.compactMap(\.wallMs).max()
        if let stopped = shards.first(where: { $0.stoppedAtMs != nil }) {
            merged.stoppedAtMs = shards.compactMap(\.stoppedAtMs).min()
            merged.stopReason = stopped.stopReason.map { "shard \(stopped.trafficShard ?? "?"): \($0)" }
        }
        merged.verdict = verdict(shards, merged.assertions)
        merged.trafficShard = nil
        merged.mergedShards = shards.count
        return .success(merged)
    }

    static func label(_ result: RunResult) -> TrafficShardLabel {
        result.trafficShard.flatMap(TrafficShardLabel.init) ?? TrafficShardLabel("1/1")!
    }

    // MARK: - Sections

    static func summary(_ parts: [RunResult.Summary], _ histograms: HistogramSet) -> RunResult.Summary {
        var summary = RunResult.Summary()
        for part in parts {
            summary.requests += part.requests
            summary.ok += part.ok
            summary.fallback += part.fallback
            summary.degraded += part.degraded
            summary.failed += part.failed
            summary.dropped += part.dropped
        }
        if summary.requests > 0 {
            let requests = Double(summary.requests)
            summary.successRate = Rounding.three(Double(summary.ok + summary.fallback) / requests)
            summary.availability = Rounding.three(Double(summary.ok + summary.fallback + summary.degraded) / requests)
        }
        summary.latencyMs = histograms.latency.summary
        summary.answeredLatencyMs = histograms.answered.summary
        return summary
    }

    static func providers(_ shards: [RunResult], _ histograms: HistogramSet) -> [String: RunResult.ProviderSummary] {
        var providers: [String: RunResult.ProviderSummary] = [:]
        for shard in shards {
            for (name, part) in shard.providers {
                var summary = providers[name] ?? RunResult.ProviderSummary()
                summary.calls += part.calls
                summary.successes += part.successes
                summary.rejected += part.rejected
                summary.errors.merge(part.errors, uniquingKeysWith: +)
                if let samples = part.errorSamples {
                    // The first distinct causes over the shards, as many as one run keeps (`ErrorSamples.perKind`).
                    var kept = summary.errorSamples ?? [:]
                    for (kind, causes) in samples {
                        let known = kept[kind] ?? []
                        kept[kind] = Array((known + causes.filter { !known.contains($0) }).prefix(5))
                    }
                    summary.errorSamples = kept
                }
                providers[name] = summary
            }
        }
        for name in providers.keys {
            providers[name]?.latencyMs = histograms.providers[name]?.summary ?? RunResult.Latency()
        }
        return providers
    }

    static func transitions(_ shards: [RunResult]) -> [RunResult.Transition] {
        let labelled = shards.flatMap { shard in
            shard.transitions.map { transition in
                var copy = transition
                copy.reason = "shard \(shard.trafficShard ?? "?"): \(transition.reason)"
                return copy
            }
        }
        // Stable: equal times keep shard order.
        return labelled.enumerated().sorted { ($0.element.atMs, $0.offset) < ($1.element.atMs, $1.offset) }.map(\.element)
    }

    /// Each assertion as the shards judged it: held when it held on every shard.
    static func assertions(_ shards: [RunResult]) -> [RunResult.AssertionResult] {
        shards[0].assertions.indices.map { index in
            var merged = shards[0].assertions[index]
            let judged = shards.compactMap { shard in
                index < shard.assertions.count ? (shard.trafficShard ?? "?", shard.assertions[index]) : nil
            }
            let failing = judged.filter { !$0.1.passed }
            merged.passed = failing.isEmpty
            merged.notEvaluated = judged.contains { $0.1.notEvaluated == true } ? true : nil
            let observed = Set(judged.map(\.1.observed))
            merged.observed = observed.count == 1 ? merged.observed
                : judged.map { "\($0.0): \($0.1.observed)" }.joined(separator: "; ")
            merged.message = failing.isEmpty
                ? "held on each of the \(judged.count) traffic shards"
                : failing.map { "shard \($0.0): \($0.1.message)" }.joined(separator: "; ")
            return merged
        }
    }

    static func verdict(_ shards: [RunResult], _ assertions: [RunResult.AssertionResult]) -> RunResult.Verdict {
        if shards.contains(where: { $0.verdict == .error }) { return .error }
        if shards.contains(where: { $0.verdict == .interrupted }) { return .interrupted }
        return assertions.allSatisfy(\.passed) ? .passed : .failed
    }
}

/// The run-wide, answered and per-provider latency histograms of several shards, added up.
struct HistogramSet {
    var latency = LatencyHistogram<UInt64>()
    var answered = LatencyHistogram<UInt64>()
    var providers: [String: LatencyHistogram<UInt64>] = [:]

    mutating func add(_ encoded: RunResult.Histograms) throws {
        try Self.add(encoded.latency, to: &latency)
        try Self.add(encoded.answeredLatency, to: &answered)
        for (name, text) in encoded.providers {
            try Self.add(text, to: &providers[name, default: LatencyHistogram()])
        }
    }

    var encoded: RunResult.Histograms {
        RunResult.Histograms(latency: HistogramCoding.base64(latency.histogram),
                             answeredLatency: HistogramCoding.base64(answered.histogram),
                             providers: providers.mapValues { HistogramCoding.base64($0.histogram) })
    }

    private static func add(_ text: String, to histogram: inout LatencyHistogram<UInt64>) throws {
        let decoded = try HistogramCoding.decode(base64: text)
        guard histogram.add(decoded) else {
            throw HistogramCoding.DecodingError(reason: "its range or precision is not airm's (1 µs to 1 h, 3 digits)")
        }
    }
}
