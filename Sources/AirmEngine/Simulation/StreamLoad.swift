import AirmSpec

/// One traffic stream's arrivals, random source and load while a driver runs it.
public struct StreamLoad: Sendable {
    /// Open-model arrivals; `nil` for closed-model `users` streams.
    public var schedule: ArrivalSchedule?
    /// For `users` streams.
    public let users: Int
    public let think: TrafficStream.Think
    public var generator: SeededGenerator
    public let start: TimeSpan
    public let end: TimeSpan
    public let maxInFlight: Int
    public let request: TrafficStream.Request
    /// Requests of this stream not finished yet.
    public var inFlight = 0
    /// Requests sent so far (used by the live driver for prompts and progress).
    public var sent = 0

    /// Every stream of `experiment`, in file order, each on its stream `traffic:<name>`.
    public static func all(in experiment: Experiment, timeline: Timeline, seed: UInt64) -> [StreamLoad] {
        experiment.traffic.map { stream in
            let generator = DriverSetup.trafficGenerator(stream, seed: seed)
            let (start, end) = ArrivalSchedule.bounds(of: stream, timeline: timeline)
            let (users, think) = DriverSetup.users(stream)
            return StreamLoad(schedule: ArrivalSchedule(stream, timeline: timeline, generator: generator),
                              users: users, think: think, generator: generator, start: start, end: end,
                              maxInFlight: stream.maxInFlight, request: stream.request)
        }
    }
}
