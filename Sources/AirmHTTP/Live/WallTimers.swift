/// The pending timers of a wall-clock driver of the run core (live, app and gateway), by number,
/// so the end of a run can cancel what is left.
public struct WallTimers: Sendable {
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var next = 0

    public init() {}

    /// Calls `fire` with the timer's number once the continuous clock reaches `due`, unless it was
    /// cancelled first; `fire` runs on its driver's actor and should `take` the number.
    public mutating func add(due: ContinuousClock.Instant, _ fire: @escaping @Sendable (Int) async -> Void) {
        let id = next
        next += 1
        tasks[id] = Task {
            do {
                try await Task.sleep(until: due, clock: .continuous)
            } catch {
                return
            }
            await fire(id)
        }
    }

    /// Forgets timer `id` as it fires; `false` when it was already cancelled.
    public mutating func take(_ id: Int) -> Bool { tasks.removeValue(forKey: id) != nil }

    /// Cancels every timer not yet fired.
    public mutating func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }
}
