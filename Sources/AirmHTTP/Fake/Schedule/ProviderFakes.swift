import AirmEngine
import AirmSpec
import Foundation

/// A fake per provider of an experiment, each on its own port of 127.0.0.1, answering on the
/// experiment's fault schedule in wall time (docs/app-mode.md "The fakes").
///
/// `open()` binds every fake and gives their URLs; `start(at:)` makes that instant the run's
/// time zero: from then on `faults:` apply at their times, and during each window of
/// `ListenerOutages` the provider's listener is closed, so connecting is refused, then opened
/// again on the same port. `close()` stops everything.
///
/// A provider with `upstream` is a proxy: its fake forwards each call to that real API and
/// applies the faults on the way (docs/app-mode.md "Proxy mode").
public actor ProviderFakes {
    /// A provider's fake: its name and URL (`http://127.0.0.1:PORT`).
    public struct Endpoint: Sendable, Hashable {
        public var provider: String
        public var url: String
    }

    public let plan: Plan
    public let faults: ScheduledFaults
    private let listeners: [FakeListener]
    private var outageTasks: [Task<Void, Never>] = []
    /// Outage edges that could not reopen a listener, for the run's report.
    public private(set) var problems: [String] = []

    /// - Parameter ports: per provider, the port to listen on; missing or 0 picks a free one.
    public init(_ plan: Plan, host: String = "127.0.0.1", ports: [Int] = []) {
        self.plan = plan
        let faults = ScheduledFaults(plan)
        self.faults = faults
        let providers = plan.experiment.providers
        listeners = plan.providers.indices.map { index in
            let upstream = index < providers.count ? providers[index].upstream.map { UpstreamProxy(url: $0.value, kind: providers[index].kind) } : nil
            return FakeListener(host: host, port: index < ports.count ? ports[index] : 0, behavior: faults.behavior(for: index),
                                upstream: upstream)
        }
    }

    /// Binds every fake; their endpoints in provider order.
    public func open() async throws -> [Endpoint] {
        var endpoints: [Endpoint] = []
        for (provider, listener) in zip(plan.providers, listeners) {
            let port = try await listener.open()
            endpoints.append(Endpoint(provider: provider.name, url: "http://\(listener.host):\(port)"))
        }
        return endpoints
    }

    /// Starts the schedule with `origin` as the run's time zero.
    public func start(at origin: ContinuousClock.Instant) async {
        await faults.start(at: origin)
        for (provider, listener) in zip(plan.providers, listeners) {
            let windows = ListenerOutages.windows(plan, provider: provider.name)
            guard !windows.isEmpty else { continue }
            outageTasks.append(Task { await self.follow(windows, listener: listener, origin: origin) })
        }
    }

    /// Closes every listener and stops the schedule.
    public func close() async {
        for task in outageTasks { task.cancel() }
        outageTasks = []
        for listener in listeners { await listener.close() }
    }

    private nonisolated func follow(_ windows: [Timeline.Span], listener: FakeListener, origin: ContinuousClock.Instant) async {
        for window in windows {
            do {
                try await Task.sleep(until: origin + .nanoseconds(window.start.nanoseconds), clock: .continuous)
                await listener.close()
                try await Task.sleep(until: origin + .nanoseconds(window.end.nanoseconds), clock: .continuous)
            } catch {
                return
            }
            do {
                try await listener.open()
            } catch {
                await note("the fake of \(listener.host) could not listen again after an outage (\(error)); it stayed down")
                return
            }
        }
    }

    private func note(_ problem: String) { problems.append(problem) }
}
