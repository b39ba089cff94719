/// Joins the results of one run's shards (docs/cli.md "airm merge").
///
/// Results of different experiments (`--shard I/N` splits the files) pass through unchanged.
/// Results of one experiment sent as N traffic shards (`--traffic-shard I/N`) become one result:
/// counts summed, latency histograms added bucket by bucket so percentiles are exact, assertion
/// verdicts joined (`ShardMerge+Result.swift`). Every problem found is reported, each with the
/// file it concerns; nothing is merged while any remains.
public enum ShardMerge {
    /// One result to merge, with the file it was read from.
    public struct Input: Sendable {
        public var path: String
        public var result: RunResult
        public init(path: String, result: RunResult) {
            self.path = path
            self.result = result
        }
    }

    /// Why the inputs cannot be merged, located at the file concerned.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message)" }
    }

    /// The merged results in the order their experiments first appear, or every problem found.
    public static func merge(_ inputs: [Input]) -> Result<[RunResult], Problems> {
        var order: [String] = []
        var groups: [String: [Input]] = [:]
        for input in inputs {
            let name = input.result.experiment.name
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(input)
        }
        var merged: [RunResult] = []
        var problems: [Problem] = []
        for name in order {
            let group = groups[name] ?? []
            let found = check(group)
            if !found.isEmpty {
                problems += found
                continue
            }
            if group.count == 1 && group[0].result.trafficShard == nil {
                merged.append(group[0].result)
                continue
            }
            switch join(group.map(\.result)) {
            case .success(let result): merged.append(result)
            case .failure(let problem): problems.append(Problem(path: group[0].path, message: problem.reason))
            }
        }
        return problems.isEmpty ? .success(merged) : .failure(Problems(all: problems))
    }

    /// Every problem found, as one error.
    public struct Problems: Error, Sendable {
        public var all: [Problem]
    }

    // MARK: - Checks

    /// What keeps the results of one experiment from merging: a result that is not a traffic
    /// shard beside others, different experiments under one name, shard counts that disagree, a
    /// shard given twice, a shard missing, or a result without histograms.
    static func check(_ group: [Input]) -> [Problem] {
        guard let first = group.first else { return [] }
        let name = first.result.experiment.name
        if group.count == 1 && first.result.trafficShard == nil { return [] }
        var problems: [Problem] = []
        if let whole = group.first(where: { $0.result.trafficShard == nil }) {
            var others: [String] = []
            for input in group where input.path != whole.path && !others.contains(input.path) { others.append(input.path) }
            if others.isEmpty {
                return [Problem(path: whole.path, message: "the result of '\(name)' is given more than once; give it once")]
            }
            return [Problem(path: whole.path, message: "experiment '\(name)' is also in \(others.joined(separator: ", ")); results of one experiment "
                + "merge only when each was run with --traffic-shard I/N (a suite split with --shard gives each experiment once)")]
        }
        var seen: [Int: String] = [:]
        var total: Int?
        for input in group {
            let result = input.result
            guard let shard = result.trafficShard.flatMap(TrafficShardLabel.init) else {
                problems.append(Problem(path: input.path, message: "traffic_shard '\(result.trafficShard ?? "")' is not I/N"))
                continue
            }
            if let total, total != shard.count {
                problems.append(Problem(path: input.path, message: "experiment '\(name)' is shard \(shard.index)/\(shard.count), "
                    + "but \(first.path) was split in \(total); merge the shards of one run"))
                continue
            }
            total = shard.count
            if let earlier = seen[shard.index] {
                problems.append(Problem(path: input.path, message: "traffic shard \(shard.index)/\(shard.count) of '\(name)' "
                    + "is given twice, here and in \(earlier); give each shard once"))
            }
            seen[shard.index] = input.path
            if let difference = difference(result, first.result) {
                problems.append(Problem(path: input.path, message: "'\(name)' here is not the experiment of \(first.path) "
                    + "(\(difference) differ); merge only the shards of one run"))
            }
            if result.histograms == nil {
                problems.append(Problem(path: input.path, message: "the result has no histograms (written by an airm before "
                    + "\"histograms\" existed); rerun the shard with this airm"))
            }
        }
        if let total {
            let missing = (1...total).filter { seen[$0] == nil }
            if !missing.isEmpty {
                let list = missing.map { "\($0)/\(total)" }.joined(separator: ", ")
                problems.append(Problem(path: first.path, message: "traffic shard\(missing.count == 1 ? "" : "s") \(list) "
                    + "of '\(name)' \(missing.count == 1 ? "is" : "are") missing; give all \(total) shards' results"))
            }
        }
        return problems
    }

    /// What makes two results not the same experiment run the same way, if anything.
    static func difference(_ a: RunResult, _ b: RunResult) -> String? {
        var fields: [String] = []
        if a.source != b.source { fields.append("the experiment files") }
        if a.experiment.seed != b.experiment.seed { fields.append("the seeds") }
        if a.experiment.mode != b.experiment.mode { fields.append("the modes") }
        if a.experiment.durationMs != b.experiment.durationMs { fields.append("the durations") }
        if a.series.bucketMs != b.series.bucketMs { fields.append("the series buckets") }
        return fields.isEmpty ? nil : fields.joined(separator: " and ")
    }
}

/// `I/N` as a result's `traffic_shard` writes it.
struct TrafficShardLabel: Sendable, Hashable {
    var index: Int
    var count: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }
}
