import AirmSpec

/// The default behaviour: every call answers normally after a fixed latency.
public struct FixedLatencyBehavior: FakeBehavior {
    public var latency: TimeSpan
    public var tokenInterval: TimeSpan

    public init(latency: TimeSpan = .zero, tokenInterval: TimeSpan = .zero) {
        self.latency = latency
        self.tokenInterval = tokenInterval
    }

    public func decide(provider: String, at: TimeSpan) async -> FakeDecision {
        FakeDecision(.answer, delay: latency, tokenInterval: tokenInterval)
    }
}
