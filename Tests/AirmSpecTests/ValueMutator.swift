/// Mutations that keep a file's shape: numbers, durations, rates and percentages replaced by
/// others of their kind, values of a kind swapped between lines, lines (keys) dropped or
/// repeated. Most results still validate, so they reach the engine.
enum ValueMutator {
    enum Kind: CaseIterable { case duration, rate, ratio, number }

    static let choices: [Kind: [String]] = [
        .duration: ["0s", "1ms", "250ms", "1s", "2s", "10s", "45s", "90s", "5m", "1h", "1m30s"],
        .rate: ["1/s", "0.5/s", "5/s", "50/s", "400/s", "1/m", "30/m", "0.001/s", "1/h"],
        .ratio: ["0%", "1%", "5%", "50%", "99%", "100%", "99.99%", "0.001%"],
        .number: ["0", "1", "2", "3", "10", "100", "1000", "0.5", "0.01", "65535"],
    ]

    /// The kind of a value token such as `30s`, `20/s`, `99%` or `3`.
    static func kind(of token: Substring) -> Kind? {
        guard let first = token.first, first.isNumber else { return nil }
        if token.contains("/") { return .rate }
        if token.hasSuffix("%") { return .ratio }
        if token.allSatisfy({ $0.isNumber || $0 == "." }) { return .number }
        if let last = token.last, "smh".contains(last), token.allSatisfy({ $0.isNumber || $0 == "." || "smh".contains($0) }) {
            return .duration
        }
        return nil
    }

    /// The value tokens of `line`, with their kinds.
    static func tokens(in line: String) -> [(range: Range<String.Index>, kind: Kind)] {
        var found: [(Range<String.Index>, Kind)] = []
        var index = line.startIndex
        while index < line.endIndex {
            guard line[index].isNumber, index == line.startIndex || " :[{,-".contains(line[line.index(before: index)]) else {
                index = line.index(after: index)
                continue
            }
            var end = index
            while end < line.endIndex, line[end].isLetter || line[end].isNumber || "./%".contains(line[end]) { end = line.index(after: end) }
            if let kind = kind(of: line[index..<end]) { found.append((index..<end, kind)) }
            index = end
        }
        return found
    }

    static func mutate(lines original: [String], using rng: inout SeededGenerator) -> String {
        var lines = original
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let index = Int.random(in: 0..<lines.count, using: &rng)
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 6 {
                lines.remove(at: index)
            } else if roll < 10 {
                lines.insert(lines[index], at: index)
            } else if roll < 25 {
                swapValues(&lines, using: &rng)
            } else {
                replaceValue(&lines, using: &rng)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func replaceValue(_ lines: inout [String], using rng: inout SeededGenerator) {
        let candidates = lines.indices.filter { !tokens(in: lines[$0]).isEmpty }
        guard let line = candidates.randomElement(using: &rng),
              let token = tokens(in: lines[line]).randomElement(using: &rng),
              let value = choices[token.kind]?.randomElement(using: &rng) else { return }
        lines[line].replaceSubrange(token.range, with: value)
    }

    private static func swapValues(_ lines: inout [String], using rng: inout SeededGenerator) {
        let all = lines.indices.flatMap { line in tokens(in: lines[line]).map { (line, $0.range, $0.kind) } }
        guard let first = all.randomElement(using: &rng),
              let second = all.filter({ $0.2 == first.2 && $0.0 != first.0 }).randomElement(using: &rng) else { return }
        let a = String(lines[first.0][first.1]), b = String(lines[second.0][second.1])
        lines[first.0].replaceSubrange(first.1, with: b)
        lines[second.0].replaceSubrange(second.1, with: a)
    }
}
