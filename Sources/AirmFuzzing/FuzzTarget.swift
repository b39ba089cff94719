import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

/// The entry points fuzzed with libFuzzer and replayed from the committed corpus in
/// `Tests/Fuzz/<target>/` (docs/architecture.md "Fuzzing").
///
/// Each target takes arbitrary bytes and goes as far as airm would with them: a file that loads
/// is also planned, a fault that loads is also applied, an answer is decoded streamed and not.
/// A target returns normally on every input; a trap is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// An experiment file: load, then plan when it validates.
    case experiment
    /// An assertion's `expect:` text.
    case expectation
    /// A body posted to the fake's `POST /_airm/faults`: load, then apply for a few seconds.
    case fault
    /// A provider's answer: the first byte picks the provider, the second the status and whether
    /// it is streamed; then header lines (`name: value`), a blank line and the body.
    case answer

    /// Runs one input through this target.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .experiment: Self.experiment(bytes)
        case .expectation: _ = ExpectationParser.parse(String(decoding: bytes, as: UTF8.self))
        case .fault: Self.fault(bytes)
        case .answer: Self.answer(bytes)
        }
    }

    private static func experiment(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        let result = ExperimentLoader.load(source: source, file: "fuzz.yaml", environment: ["KEY": "k"])
        guard let experiment = result.experiment, !result.hasErrors else { return }
        _ = Plan(experiment).document
    }

    private static func fault(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        let loaded = ExperimentLoader.loadFault(source: source, file: "fault", faultTypes: FaultTypes.all,
                                                providers: ["openai", "gemini", "a"])
        guard let fault = loaded.fault, !loaded.hasErrors,
              var entry = FaultEntry(fault, index: 0, start: .zero, end: .seconds(60)) else { return }
        var effect = FaultEffect()
        var random = SeededGenerator(seed: 1)
        for second in 0..<3 { entry.apply(to: &effect, at: .seconds(Double(second)), random: &random) }
        effect.settle()
    }

    static let statuses = [200, 200, 201, 400, 401, 403, 404, 408, 413, 429, 500, 502, 503, 504, 529, 99, 999]

    private static func answer(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let stream = bytes[1] & 0x80 != 0
        let status = statuses[Int(bytes[1] & 0x7F) % statuses.count]
        let rest = Array(bytes.dropFirst(2))
        var headers: WireHeaders = [:]
        var body = rest
        // The header block ends at the first empty line; without one, everything is body.
        if let blank = rest.indices.first(where: { rest[$0] == 10 && ($0 == 0 || rest[$0 - 1] == 10) }) {
            for line in String(decoding: rest[..<blank], as: UTF8.self).split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            body = Array(rest[(blank + 1)...])
        }
        _ = FailureClassifier.retryAfter(headers: headers)
        switch bytes[0] % 5 {
        case 0: _ = OpenAIWire(model: "m", apiKey: "k").decode(status: status, headers: headers, body: body, stream: stream)
        case 1: _ = AnthropicWire(model: "m", apiKey: "k").decode(status: status, headers: headers, body: body, stream: stream)
        case 2: _ = GeminiWire(model: "m", apiKey: "k").decode(status: status, headers: headers, body: body, stream: stream)
        case 3: _ = CohereWire(model: "m", apiKey: "k").decode(status: status, headers: headers, body: body, stream: stream)
        default: _ = HuggingFaceWire(model: "m", apiKey: "k").decode(status: status, headers: headers, body: body, stream: stream)
        }
    }
}
