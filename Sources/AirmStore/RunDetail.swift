import AirmEngine

/// A stored run with its assertion results and breaker transitions, in the result's order.
public struct RunDetail: Sendable, Codable, Equatable {
    public var run: RunRow
    public var assertions: [RunResult.AssertionResult]
    public var transitions: [RunResult.Transition]

    public init(run: RunRow, assertions: [RunResult.AssertionResult], transitions: [RunResult.Transition] = []) {
        self.run = run
        self.assertions = assertions
        self.transitions = transitions
    }
}
