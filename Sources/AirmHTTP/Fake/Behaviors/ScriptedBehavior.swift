import AirmSpec

/// Answers calls from a script, in order, then falls back to a default; for tests.
public actor ScriptedBehavior: FakeBehavior {
    private var script: [FakeDecision]
    private let fallback: FakeDecision
    /// Provider names of the calls seen so far, in order.
    public private(set) var calls: [String] = []

    public init(_ script: [FakeDecision], then fallback: FakeDecision = .answer()) {
        self.script = script
        self.fallback = fallback
    }

    public func decide(provider: String, at: TimeSpan) async -> FakeDecision {
        calls.append(provider)
        return script.isEmpty ? fallback : script.removeFirst()
    }

    /// Appends decisions for the next calls.
    public func enqueue(_ decisions: FakeDecision...) {
        script.append(contentsOf: decisions)
    }
}
