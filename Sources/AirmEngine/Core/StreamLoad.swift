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
    /// Requests admitted so far: the next one's ordinal, which picks its prompt.
    public var sent = 0

    /// Every stream of the plan, in file order, each on its stream `traffic:<name>`.
    public static func all(in plan: Plan) -> [StreamLoad] {
        zip(plan.experiment.traffic, plan.streams).map { stream, planned in
            let generator = DriverSetup.trafficGenerator(stream, seed: plan.seed)
            let (users, think) = DriverSetup.users(stream)
            return StreamLoad(schedule: ArrivalSchedule(stream, timeline: plan.timeline, generator: generator),
                              users: users, think: think, generator: generator, start: planned.start, end: planned.end,
                              maxInFlight: stream.maxInFlight, request: stream.request)
        }
    }
}
