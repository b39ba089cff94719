import Foundation
import Testing

/// Files whose values validate in shape but that no run could carry out: `run` and `plan`
/// stop with the located error (exit 2), never a trap.
@Suite struct UnworkableValueTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var example: String
        var line: String
        var replacement: String
        var diagnostic: String
        var testDescription: String { replacement.trimmingCharacters(in: .whitespaces) }
    }

    static let cases: [Case] = [
        Case(example: "latency-spike", line: "    rate: 10/s", replacement: "    rate: 0.000000001/h",
             diagnostic: "latency-spike.yaml:33:11: error: `rate`: `0.000000001/h` is too low"),
        Case(example: "latency-spike", line: "    simulate: { latency: { median: 400ms, p99: 1500ms } }",
             replacement: "    simulate: { latency: { median: 400ms, p99: 1500ms }, rate_limit: 0.000000001/h }",
             diagnostic: "latency-spike.yaml:16:70: error: `rate_limit`: `0.000000001/h` is too low"),
        Case(example: "rate-limit-storm", line: "    limit: 400/m", replacement: "    limit: 0.000000001/h",
             diagnostic: "rate-limit-storm.yaml:45:12: error: `limit`: `0.000000001/h` is too low"),
        Case(example: "latency-spike", line: "  - expect: success_rate >= 99%",
             replacement: "  - expect: requests < 9223372036854775807",
             diagnostic: "latency-spike.yaml:58:13: error: `9223372036854775807` is too large for a count"),
    ]

    @Test(arguments: cases)
    func runAndPlanStopWithTheLocatedError(_ item: Case) async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = try String(contentsOfFile: "\(CLIHarness.repositoryRoot)/experiments/\(item.example).yaml", encoding: .utf8)
        #expect(source.components(separatedBy: "\n").filter { $0.hasPrefix(item.line) }.count == 1)
        let file = "\(work)/\(item.example).yaml"
        try source.replacingOccurrences(of: item.line, with: item.replacement).write(toFile: file, atomically: true, encoding: .utf8)
        for command in [["run", "--no-history", "--out", "\(work)/out"], ["plan"]] {
            let result = await CLIHarness.run(command + [file], in: work)
            #expect(result.exitCode == 2, "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains(item.diagnostic), "\(command[0]): \(result.stderr)")
        }
    }
}
