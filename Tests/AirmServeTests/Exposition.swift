/// A Prometheus text exposition read back into samples, for exact checks of `/metrics`.
struct Exposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var samples: [Sample] = []
    /// Metric name → the text of its `# HELP` line.
    var help: [String: String] = [:]
    /// Metric name → its `# TYPE`.
    var types: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", maxSplits: 3).map(String.init)
            if line.hasPrefix("# HELP "), words.count >= 3 {
                help[words[2]] = words.count == 4 ? words[3] : ""
            } else if line.hasPrefix("# TYPE "), words.count == 4 {
                types[words[2]] = words[3]
            } else if !line.hasPrefix("#"), let sample = Self.sample(String(line)) {
                samples.append(sample)
            }
        }
    }

    /// The value of the one sample named `name` with exactly `labels`, if there is one.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let found = samples.filter { $0.name == name && $0.labels == labels }
        return found.count == 1 ? found[0].value : nil
    }

    private static func sample(_ line: String) -> Sample? {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { return nil }
        let series = line[..<space]
        guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
        var labels: [String: String] = [:]
        let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
        for pair in body.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
        }
        return Sample(name: String(series[..<brace]), labels: labels, value: value)
    }
}
