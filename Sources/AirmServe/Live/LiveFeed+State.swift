import AirmEngine
import AirmHTTP
import AirmSpec
import Foundation

extension LiveFeed {
    // MARK: - Applying events

    func apply(_ event: ServeEvent) {
        /// The wall-clock time of `time` on the gateway's clock.
        func date(_ time: TimeSpan) -> String { JSONResponse.timestamp(event.date.addingTimeInterval((time - event.at).seconds)) }
        switch event.kind {
        case .transition(let record):
            breakers[record.provider] = (record.to, event.date)
            let message = LiveMessage.Transition(seq: nextSeq(), provider: record.provider, from: record.from.rawValue,
                                                 to: record.to.rawValue, reason: record.reason, at: date(record.at))
            transitions.append(message)
            if transitions.count > Self.keptTransitions { transitions.removeFirst(transitions.count - Self.keptTransitions) }
            send("transition", message)
        case .call(let call):
            let kept = (seq: nextSeq(), call: call, ended: event.date)
            requests.append(kept)
            if requests.count > Self.keptRequests { requests.removeFirst(requests.count - Self.keptRequests) }
            recent.append((event.date, call.outcome, call.latency.milliseconds))
            if hasSubscribers { send("request", LiveMessage.Request(seq: kept.seq, call: call, ended: kept.ended)) }
        case .faultStarted(let status):
            let message = fault(status, date: date, early: nil)
            faults[status.name] = message
            send("fault_started", message)
        case .faultStopped(let status, let early):
            faults[status.name] = nil
            send("fault_stopped", fault(status, date: date, early: early))
        case .automationStarted(let status):
            automation = LiveMessage.Automation(seq: nextSeq(), name: status.name, rate: status.rate, running: true)
            send("automation", automation)
        case .automationStopped(let status):
            automation = nil
            send("automation", LiveMessage.Automation(seq: nextSeq(), name: status.name, rate: status.rate, running: false))
        case .breakerAction(let provider, let action, let transition):
            send("breaker_action", LiveMessage.BreakerAction(seq: nextSeq(), provider: provider, action: action.rawValue,
                                                             changed: transition != nil))
        case .attempt, .rejection:
            break
        }
    }

    private func fault(_ status: FaultStatus, date: (TimeSpan) -> String, early: Bool?) -> LiveMessage.Fault {
        LiveMessage.Fault(seq: nextSeq(), name: status.name, type: status.type, target: status.target,
                          origin: status.origin.rawValue, starts: date(status.start), ends: date(status.end), early: early)
    }

    // MARK: - Snapshot and stats

    func snapshot() -> ServerSentEvent {
        let at = now()
        let message = LiveMessage.Snapshot(
            seq: seq, now: JSONResponse.timestamp(at), started: JSONResponse.timestamp(started),
            breakers: providerOrder.map { provider in
                let breaker = breakers[provider]
                return LiveMessage.Breaker(provider: provider, state: (breaker?.state ?? .closed).rawValue,
                                           since: breaker?.since.map(JSONResponse.timestamp))
            },
            transitions: transitions, faults: faults.values.sorted { $0.seq < $1.seq }, automation: automation,
            requests: requests.map { LiveMessage.Request(seq: $0.seq, call: $0.call, ended: $0.ended) }, stats: stats(at: at))
        return ServerSentEvent(event: "snapshot", data: LiveMessage.encode(message))
    }

    /// Sends the current rates and percentiles; with no subscriber, only forgets old calls.
    func sendStats() {
        applyWaiting()
        guard hasSubscribers else {
            forget(before: now().addingTimeInterval(-Self.latencyWindow))
            return
        }
        send("stats", stats(at: now()))
    }

    /// Drops the calls that ended before `oldest` from the stats window.
    private func forget(before oldest: Date) {
        if let keep = recent.firstIndex(where: { $0.date >= oldest }) {
            recent.removeFirst(keep)
        } else {
            recent.removeAll()
        }
    }

    /// Rates by outcome over the last `rateWindow` (or since start, if shorter), and latency
    /// percentiles over the last `latencyWindow`, by nearest rank.
    func stats(at now: Date) -> LiveMessage.Stats {
        forget(before: now.addingTimeInterval(-Self.latencyWindow))
        let window = min(Self.rateWindow, max(now.timeIntervalSince(started), 1))
        let rateStart = now.addingTimeInterval(-window)
        var rates = Dictionary(uniqueKeysWithValues: RequestOutcome.allCases.map { ($0.rawValue, 0.0) })
        for call in recent where call.date > rateStart && call.date <= now {
            rates[call.outcome.rawValue, default: 0] += 1
        }
        rates = rates.mapValues { ($0 / window * 1000).rounded() / 1000 }
        let latencies = recent.filter { $0.outcome != .dropped }.map(\.latencyMs).sorted()
        func percentile(_ p: Double) -> Double? {
            guard !latencies.isEmpty else { return nil }
            let rank = Int((p * Double(latencies.count)).rounded(.up))
            return latencies[min(max(rank, 1), latencies.count) - 1]
        }
        return LiveMessage.Stats(seq: nextSeq(), at: JSONResponse.timestamp(now), windowSeconds: (window * 1000).rounded() / 1000, rates: rates,
                                 latencyWindowSeconds: Self.latencyWindow, p50Ms: percentile(0.5), p95Ms: percentile(0.95),
                                 p99Ms: percentile(0.99), requests: recent.count)
    }
}
