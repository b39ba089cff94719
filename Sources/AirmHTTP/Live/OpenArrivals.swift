import AirmEngine
import AirmSpec

/// The open-model arrivals of the wall-clock drivers (live and app mode): each stream's arrivals
/// at their scheduled wall time, until the schedule ends, the task is cancelled or `arrive`
/// answers `false` (arrivals have stopped).
enum OpenArrivals {
    static func run(_ schedules: [(stream: Int, schedule: ArrivalSchedule)], origin: ContinuousClock.Instant,
                    arrive: @escaping @Sendable (_ stream: Int, _ scheduledAt: TimeSpan) async -> Bool) async {
        await withTaskGroup(of: Void.self) { group in
            for (stream, schedule) in schedules {
                group.addTask {
                    var schedule = schedule
                    while let next = schedule.next() {
                        do {
                            try await Task.sleep(until: origin + .nanoseconds(next.nanoseconds), clock: .continuous)
                        } catch {
                            return
                        }
                        guard await arrive(stream, next) else { return }
                    }
                }
            }
        }
    }
}
