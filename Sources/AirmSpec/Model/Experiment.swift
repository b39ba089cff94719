/// A loaded, validated experiment file (docs/experiment-format.md): the input to planning and running.
///
/// Every value here is already typed and defaulted; the loader reports what it could not type
/// as diagnostics instead of producing an `Experiment`.
public struct Experiment: Sendable {
    public enum Mode: String, Sendable, Codable, CaseIterable { case simulated, live }

    public var version: Int = 1
    public var name: String
    public var description: String?
    public var seed: UInt64 = 1
    public var duration: TimeSpan
    public var mode: Mode = .simulated
    /// Providers in file order.
    public var providers: [Provider]
    public var policy: Policy
    public var traffic: [TrafficStream]
    public var faults: [Fault] = []
    public var steadyState: SteadyState?
    public var assertions: [Assertion] = []
    public var reports = ReportSettings()
    public var budget = Budget()
    /// The path the file was loaded from, as given.
    public var file: String
    /// The file's text, kept so that reports can show it and `airm report` can rebuild from JSON.
    public var source: String

    public init(name: String, duration: TimeSpan, providers: [Provider], policy: Policy,
                traffic: [TrafficStream], file: String = "<memory>", source: String = "") {
        self.name = name
        self.duration = duration
        self.providers = providers
        self.policy = policy
        self.traffic = traffic
        self.file = file
        self.source = source
    }

    /// The `duration` of a gateway's configuration that gives none: a run with no end in sight
    /// (one year; `airm serve` runs until it is stopped).
    public static let openEnded = TimeSpan.seconds(365 * 24 * 3600)

    public func provider(named name: String) -> Provider? { providers.first { $0.name == name } }
    public func fault(named name: String) -> Fault? { faults.first { $0.name == name } }
}

/// Which reports a run writes; paths come from the command line.
public struct ReportSettings: Sendable, Hashable {
    public var html = true
    public var junit = true
    public var json = true
    public init(html: Bool = true, junit: Bool = true, json: Bool = true) {
        self.html = html
        self.junit = junit
        self.json = json
    }
}

/// Guard rails for live runs against real endpoints.
public struct Budget: Sendable, Hashable {
    /// Live runs against non-loopback endpoints refuse to plan more calls than this without `--yes`.
    public var maxCalls = 1000
    public init(maxCalls: Int = 1000) { self.maxCalls = maxCalls }
}
