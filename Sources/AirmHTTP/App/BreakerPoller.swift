import AirmEngine
import AirmSpec
import AsyncHTTPClient

/// Polls the app's breaker status endpoint at `every` and records each change of state as a
/// transition (docs/app-mode.md "Reading the app's breakers").
///
/// A breaker first seen in a state other than `closed` gets a transition from `closed` at that
/// poll. A poll that fails or names no breaker changes nothing and is counted in `failedPolls`.
public actor BreakerPoller {
    public let reading: BreakerReading
    let http: HTTPClient
    private var states: [String: BreakerState] = [:]
    public private(set) var transitions: [TransitionRecord] = []
    public private(set) var polls = 0
    public private(set) var failedPolls = 0
    private var task: Task<Void, Never>?

    public init(reading: BreakerReading, http: HTTPClient) {
        self.reading = reading
        self.http = http
    }

    /// Polls from `origin` (the run's time zero) until `stop()`.
    public func start(at origin: ContinuousClock.Instant) {
        let every = Duration.nanoseconds(reading.every.nanoseconds)
        task = Task {
            var next = origin
            while !Task.isCancelled {
                await self.poll(origin: origin)
                next += every
                do { try await Task.sleep(until: next, clock: .continuous) } catch { return }
            }
        }
    }

    public func stop() async {
        task?.cancel()
        _ = await task?.value
        task = nil
    }

    /// The last state seen of each breaker, keyed by provider.
    public var lastStates: [String: BreakerState] { states }

    private func poll(origin: ContinuousClock.Instant) async {
        polls += 1
        var request = HTTPClientRequest(url: reading.url)
        request.method = .GET
        let timeout = Duration.nanoseconds(max(reading.every.nanoseconds, 1_000_000_000))
        do {
            let response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
            let body = try await response.body.collect(upTo: 4 << 20)
            let at = TimeSpan(ContinuousClock.now - origin)
            let seen = BreakerStates.read(Array(buffer: body), as: reading)
            guard (200..<300).contains(Int(response.status.code)), !seen.isEmpty else {
                failedPolls += 1
                return
            }
            note(seen, at: at)
        } catch {
            failedPolls += 1
        }
    }

    /// Records the changes in `seen` at `at`.
    func note(_ seen: [String: BreakerState], at: TimeSpan) {
        for (provider, state) in seen.sorted(by: { $0.key < $1.key }) {
            let before = states[provider] ?? .closed
            states[provider] = state
            guard before != state else { continue }
            transitions.append(TransitionRecord(provider: provider, at: at, from: before, to: state,
                                                reason: "the app reported `\(state.rawValue)` (\(reading.kind))"))
        }
    }
}
