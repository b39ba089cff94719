import AirmSpec

/// Where each counter lives in the recorder's flat counter table.
///
/// The table holds one *frame* per span of the run: frame 0 counts every sample, frames 1… count the
/// samples of one assertion window each. A frame holds a request block for the run and one per traffic
/// stream, then a provider block per provider. Indexing by `Int` keeps the hot path free of hashing.
struct CounterLayout: Sendable, Hashable {
    /// Request block: the five outcomes in `RequestOutcome` order, then the attempts of those requests.
    static let requestBlock = 6
    static let attemptsSlot = 5
    /// Provider block: calls, successes, rejected, then errors by kind in `ErrorKind.allCases` order
    /// (3 + 9; a literal, so the hot path reads no lazily initialised global).
    static let providerBlock = 12
    static let errorKinds = 9
    static let callsSlot = 0
    static let successesSlot = 1
    static let rejectedSlot = 2
    static let errorsSlot = 3

    let streams: Int
    let providers: Int

    /// Counters in one frame.
    var frameSize: Int { (1 + streams) * Self.requestBlock + providers * Self.providerBlock }

    /// Latency scopes in one frame: the run's requests, each stream's requests, each provider's
    /// attempts, then the run's and each stream's answered requests (ok and fallback).
    var latencyScopes: Int { 2 * (1 + streams) + providers }

    // MARK: - Offsets

    /// The request block of a request scope: 0 for the run, `1 + stream` for a stream.
    @inline(__always)
    func requestBase(frame: Int, scope: Int) -> Int {
        frame * frameSize + scope * Self.requestBlock
    }

    @inline(__always)
    func providerBase(frame: Int, provider: Int) -> Int {
        frame * frameSize + (1 + streams) * Self.requestBlock + provider * Self.providerBlock
    }

    @inline(__always)
    func runLatencyScope() -> Int { 0 }
    @inline(__always)
    func streamLatencyScope(_ stream: Int) -> Int { 1 + stream }
    @inline(__always)
    func providerLatencyScope(_ provider: Int) -> Int { 1 + streams + provider }
    /// The answered scope of a request scope (`runLatencyScope()` or `streamLatencyScope(_:)`).
    @inline(__always)
    func answeredLatencyScope(_ requestScope: Int) -> Int { 1 + streams + providers + requestScope }

    // MARK: - Slots of enums

    @inline(__always)
    static func slot(of outcome: RequestOutcome) -> Int {
        switch outcome {
        case .ok: 0
        case .fallback: 1
        case .degraded: 2
        case .failed: 3
        case .dropped: 4
        }
    }

    @inline(__always)
    static func slot(of kind: ErrorKind) -> Int {
        switch kind {
        case .rateLimited: 0
        case .unavailable: 1
        case .serverError: 2
        case .timeout: 3
        case .connection: 4
        case .corrupt: 5
        case .auth: 6
        case .badRequest: 7
        case .blocked: 8
        }
    }
}
