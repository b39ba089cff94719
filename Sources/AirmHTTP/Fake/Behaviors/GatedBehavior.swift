import AirmSpec

/// Holds every call until `open()`, then answers it at once; calls after `open()` are answered
/// at once. For tests that need calls in flight at a known moment.
public actor GatedBehavior: FakeBehavior {
    /// Calls seen so far, held or not.
    public private(set) var held = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Releases the calls held, and lets every later call through.
    public func open() {
        isOpen = true
        for call in waiting { call.resume() }
        waiting.removeAll()
    }

    public func decide(provider: String, at: TimeSpan) async -> FakeDecision {
        held += 1
        if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        return FakeDecision(.answer)
    }
}
