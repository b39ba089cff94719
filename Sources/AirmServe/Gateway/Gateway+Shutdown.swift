import AirmEngine

extension Gateway {
    /// Stops automation and refuses new calls (they end `dropped`), then waits until the calls
    /// in flight have their answers: bounded by the policy's attempt timeouts and deadline.
    /// Pending timers are cancelled afterwards.
    public func drain() async {
        _ = stopAutomation()
        core.stop()
        if !core.isDrained {
            await withCheckedContinuation { drainWaiter = $0 }
        }
        timers.cancelAll()
    }

    /// Calls in flight.
    public var inFlight: Int { core.inFlight }

    /// Wakes `drain` once nothing is left in flight.
    func resumeIfDrained() {
        guard core.stopped, core.isDrained, let drainWaiter else { return }
        self.drainWaiter = nil
        drainWaiter.resume()
    }
}
