import AirmEngine
import AirmSpec

/// The open-model arrivals of the wall-clock drivers (live and app mode, and the gateway's
/// automation): each stream's arrivals at their scheduled wall time, until the schedule ends,
/// the task is cancelled or `arrive` answers `false` (arrivals have stopped).
public enum OpenArrivals {
    /// - Returns: `true` when every schedule ran to its end; `false` when cancelled or stopped.
    @discardableResult
    public static func run(_ schedules: [(stream: Int, schedule: ArrivalSchedule)], origin: ContinuousClock.Instant,
                           arrive: @escaping @Sendable (_ stream: Int, _ scheduledAt: TimeSpan) async -> Bool) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            for (stream, schedule) in schedules {
                group.addTask {
                    var schedule = schedule
                    while let next = schedule.next() {
                        do {
                            try await Task.sleep(until: origin + .nanoseconds(next.nanoseconds), clock: .continuous)
                        } catch {
                            return false
                        }
                        guard await arrive(stream, next) else { return false }
                    }
                    return true
                }
            }
            return await group.allSatisfy { $0 }
        }
    }
}
