import AirmEngine
import Foundation
import Testing
@testable import AirmSpec

/// A small deterministic generator (SplitMix64) so the fuzz run is the same every time.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations of valid files: the loader must answer every one without trapping.
enum Mutator {
    static let garbage = ["\u{0}", "\t", ":", "- ", "{", "}", "[", "]", "&a", "*a", "!!binary", "'", "\"", "#", "%", "@",
                          "${", "${X", "1e400/s", "nan", "-1", "99999999999999999999", "999999999h", "1e400", ".inf", "~",
                          "? ", "|", ">", "<<: *a", "\u{FEFF}", "é", "---", "...", "0x", "true", "[]", "{}", "-5s", "150%"]
    static let values = ["30s", "0s", "-5s", "1e400/s", "nan", "[1, 2]", "{ a: 1 }", "true", "\"text\"", "", "~", "9999999999999999999999",
                         "999999999h", "0/s", "150%", "x.start", "end - 99999h", "gemini", "*", "[gemini, nope]", "1m30s", "1.5", "-1"]

    static func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        mutate(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), using: &rng)
    }

    static func mutate(lines original: [String], using rng: inout SeededGenerator) -> String {
        var lines = original
        let rounds = Int.random(in: 1...3, using: &rng)
        for _ in 0..<rounds {
            guard !lines.isEmpty else { return garbage.randomElement(using: &rng) ?? "" }
            let index = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<9, using: &rng) {
            case 0: lines.remove(at: index)                                           // delete a line
            case 1: lines.insert(lines[index], at: index)                             // duplicate a line (and its key)
            case 2:                                                                   // change a value
                if let colon = lines[index].firstIndex(of: ":") {
                    lines[index] = String(lines[index][...colon]) + " " + (values.randomElement(using: &rng) ?? "")
                }
            case 3: lines = Array(lines.prefix(index))                                // truncate
            case 4:                                                                   // insert garbage bytes
                var line = Array(lines[index])
                let at = line.isEmpty ? 0 : Int.random(in: 0...line.count, using: &rng)
                line.insert(contentsOf: garbage.randomElement(using: &rng) ?? "", at: at)
                lines[index] = String(line)
            case 5: lines[index] = String(repeating: " ", count: Int.random(in: 0...6, using: &rng)) + lines[index].trimmingCharacters(in: .whitespaces)
            case 6: lines.insert(lines.randomElement(using: &rng) ?? "", at: index)   // move a line somewhere else
            case 7:                                                                   // cut a line short
                let line = Array(lines[index])
                lines[index] = String(line.prefix(line.isEmpty ? 0 : Int.random(in: 0..<line.count, using: &rng)))
            default:                                                                  // swap two lines
                let other = Int.random(in: 0..<lines.count, using: &rng)
                lines.swapAt(index, other)
            }
        }
        return lines.joined(separator: "\n")
    }
}

@Suite struct FuzzTests {
    /// The example files without comment and blank lines, so that every mutation hits a real setting.
    static let sources: [[String]] = {
        let texts = Support.exampleFiles.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) } + [Support.minimal]
        return texts.map { text in
            text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        }
    }()

    /// 10 shards of 1000 iterations each, run in parallel; each shard has its own seed.
    @Test(arguments: 0..<10)
    func mutatedExamplesNeverTrap(shard: Int) {
        let sources = Self.sources
        #expect(sources.count >= 7)
        var rng = SeededGenerator(seed: 0xA1B2 &+ UInt64(shard))
        var withErrors = 0, valid = 0
        for iteration in 0..<1000 {
            let mutated = Mutator.mutate(lines: sources[iteration % sources.count], using: &rng)
            let result = ExperimentLoader.load(source: mutated, file: "fuzz.yaml", environment: ["A": "1"])
            if result.hasErrors {
                withErrors += 1
                #expect(result.experiment == nil)
                #expect(result.diagnostics.allSatisfy { $0.location != nil })
            } else {
                valid += 1
                #expect(result.experiment != nil)
            }
        }
        #expect(withErrors + valid == 1000)
        #expect(withErrors > 100)
    }

    /// One fault mapping per type, as `airm fake-providers` receives them.
    static let faultSources: [[String]] = [
        ["type: latency", "target: \"*\"", "delay: 1s", "jitter: 500ms", "at: 1s", "for: 10s"],
        ["type: intermittent", "target: [a, b]", "up: 2s", "down: 1s", "as: error", "status: 503", "delay: 10ms"],
        ["type: rate_limit", "target: a", "limit: 10/s", "probability: 50%"],
        ["type: stall", "target: a", "after: 100ms", "pause: 2s", "until: 30s"],
        ["type: reset", "target: a", "after_tokens: 3", "delay: 1ms"],
        ["{\"type\": \"error\", \"target\": \"*\", \"status\": 502, \"for\": \"1m\"}"],
    ]

    /// Mutated posted faults are refused with located messages or applied, never trap.
    @Test func mutatedPostedFaultsNeverTrap() {
        var rng = SeededGenerator(seed: 0xFA17)
        var valid = 0
        for iteration in 0..<2000 {
            let mutated = Mutator.mutate(lines: Self.faultSources[iteration % Self.faultSources.count], using: &rng)
            let result = ExperimentLoader.loadFault(source: mutated, file: "fault", faultTypes: FaultTypes.all)
            guard let fault = result.fault else {
                #expect(result.hasErrors)
                #expect(result.diagnostics.allSatisfy { $0.location != nil })
                continue
            }
            valid += 1
            guard var entry = FaultEntry(fault, index: 0, start: .zero, end: .seconds(60)) else { continue }
            var effect = FaultEffect()
            var draws = AirmEngine.SeededGenerator(seed: 1)
            for second in 0..<5 { entry.apply(to: &effect, at: .seconds(Double(second)), random: &draws) }
            effect.settle()
        }
        #expect(valid > 100)
    }

    /// Short random texts drawn from YAML's punctuation, digits, words of the format and whitespace.
    @Test func randomTextsNeverTrap() {
        let pieces = ["name", "duration", "providers", "traffic", "faults", "assertions", "policy", "breaker", "rate", ":", " ", "  ",
                      "\n", "- ", "{", "}", "[", "]", ",", "\"", "'", "1", "30s", "10/s", "50%", "gemini", "type", "at", "for", "&a", "*a",
                      "#", "${X}", "${", "\t", "?", "|", ">", "!", "%", "@", "`", "\u{7F}", "é", "🙂"]
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            let result = Support.load(text)
            #expect(result.hasErrors == (result.experiment == nil))
        }
    }

    @Test(arguments: ["", "\n\n", "---", "~", "null", "42", "[]", "{}", "- a\n- b", "name: [", "\u{0}", "a: *b",
                      "a: &x [*x]", "name: x\nduration: 1e400h", "{{{{{{{{{{", String(repeating: "[", count: 5000),
                      "providers: {a: 1, a: 2, a: 3}", "%YAML 1.2\n---\nname: x", "---\na: 1\n---\nb: 2",
                      "name: x\nduration: 3m\nfaults:\n  - {name: a, at: a.start, target: '*', type: timeout}"])
    func oddInputsGiveDiagnostics(text: String) {
        let result = Support.load(text)
        #expect(result.hasErrors)
        #expect(result.experiment == nil)
    }
}
