import AirmEngine

/// A stored run with its assertion results and breaker transitions, in the result's order.
public struct RunDetail: Sendable, Codable, Equatable {
    public var run: RunRow
    public var assertions: [RunResult.AssertionResult]
    public var transitions: [RunResult.Transition]
    /// The result JSON the run was read from, for `airm compare --baseline`; nil for a stored run.
    public var resultFile: String?

    public init(run: RunRow, assertions: [RunResult.AssertionResult], transitions: [RunResult.Transition] = [],
                resultFile: String? = nil) {
        self.run = run
        self.assertions = assertions
        self.transitions = transitions
        self.resultFile = resultFile
    }

    /// A result JSON (`airm-result/1`) as a run that was never stored: id 0, no commit.
    public init(result: RunResult, file: String) {
        self.init(run: RunRow(result: result, gitCommit: nil), assertions: result.assertions,
                  transitions: result.transitions, resultFile: file)
    }

    /// How output names the run: `run 12`, or the result file.
    public var label: String { resultFile ?? "run \(run.id)" }
}
