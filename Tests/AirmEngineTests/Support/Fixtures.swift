import AirmEngine
import AirmSpec

/// Small builders for experiments written directly in Swift.
enum Fixtures {
    static func s(_ seconds: Double) -> TimeSpan { .seconds(seconds) }
    static func ms(_ milliseconds: Double) -> TimeSpan { .milliseconds(milliseconds) }

    static func provider(_ name: String, latency: LatencyDistribution = .fixed(.milliseconds(100)),
                         errorRate: Double = 0, rateLimit: Rate? = nil, capacity: Int? = nil) -> Provider {
        Provider(name: name, kind: .simulated,
                 simulate: SimulatedBehavior(latency: latency, errorRate: Ratio(fraction: errorRate),
                                             rateLimit: rateLimit, capacity: capacity))
    }

    static func stream(_ shape: TrafficStream.Shape, name: String = "chat", start: TimeSpan = .zero,
                       duration: TimeSpan? = nil, maxInFlight: Int = 10_000) -> TrafficStream {
        TrafficStream(name: name, shape: shape, start: .at(start), duration: duration, maxInFlight: maxInFlight)
    }

    static func rate(_ perSecond: Double, _ arrivals: TrafficStream.Arrivals = .uniform) -> TrafficStream.Shape {
        .rate(Rate(perSecond: perSecond), arrivals)
    }

    static func fault(_ name: String, _ target: String, _ kind: some FaultType, at: Double, for length: Double? = nil,
                      probability: Double = 1, delay: TimeSpan? = nil) -> Fault {
        Fault(name: name, target: target == "*" ? .all : .providers([target]), kind: kind, at: .at(.seconds(at)),
              end: length.map { .for(.seconds($0)) } ?? .runEnd, probability: Ratio(fraction: probability), delay: delay)
    }

    static func experiment(duration: TimeSpan, providers: [Provider], policy: ProviderPolicy = ProviderPolicy(),
                           traffic: [TrafficStream], faults: [Fault] = [], deadline: TimeSpan? = nil,
                           fallback: Bool = false, seed: UInt64 = 1) -> Experiment {
        var experiment = Experiment(
            name: "test", duration: duration, providers: providers,
            policy: Policy(route: providers.map(\.name), defaults: policy, deadline: deadline,
                           fallback: fallback ? StaticFallback(response: "later") : nil),
            traffic: traffic)
        experiment.faults = faults
        experiment.seed = seed
        return experiment
    }
}
