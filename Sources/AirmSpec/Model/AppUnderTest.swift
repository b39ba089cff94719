/// `app:` (docs/experiment-format.md "`app`"): the application under test in `mode: app`.
///
/// airm serves each provider as a fake on its own port, optionally starts the application with
/// the fakes' URLs in its environment, sends it the traffic described by `traffic:`, and watches
/// its breakers from outside (docs/app-mode.md).
public struct AppUnderTest: Sendable {
    /// One `NAME: value` of `env`, in file order.
    public struct Variable: Sendable, Hashable {
        public var name: String
        /// `${VAR}` already expanded; `${providers.NAME.url}` kept for the run to fill in.
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `ready`: poll `get` until it answers 2xx, for at most `within`.
    public struct Ready: Sendable, Hashable {
        public var url: String
        public var within: TimeSpan
        public init(url: String, within: TimeSpan = .seconds(20)) {
            self.url = url
            self.within = within
        }
    }

    /// `request`: what one unit of traffic sends to the app.
    public struct Request: Sendable, Hashable {
        public enum Method: String, Sendable, Hashable, CaseIterable { case post, get }

        public var method: Method
        public var url: String
        /// The JSON body, already encoded; `nil` sends none.
        public var json: String?
        public var headers: [Variable] = []
        public var timeout: TimeSpan = .seconds(30)
        public var okWhen: [StatusMatch] = [.statusClass(2)]

        public init(method: Method, url: String) {
            self.method = method
            self.url = url
        }

        /// Whether an answer with `status` counts as a success.
        public func isOK(_ status: Int) -> Bool { okWhen.contains { $0.matches(status) } }
    }

    /// One entry of `ok_when.status`: a class (`2xx`) or an exact status (`200`).
    public enum StatusMatch: Sendable, Hashable, CustomStringConvertible {
        case statusClass(Int)
        case status(Int)

        public func matches(_ status: Int) -> Bool {
            switch self {
            case .statusClass(let hundreds): status / 100 == hundreds
            case .status(let exact): status == exact
            }
        }

        public var description: String {
            switch self {
            case .statusClass(let hundreds): "\(hundreds)xx"
            case .status(let exact): "\(exact)"
            }
        }
    }

    public var command: String?
    public var env: [Variable] = []
    public var ready: Ready?
    public var request: Request
    public var breakers: BreakerReading?

    public init(request: Request) {
        self.request = request
    }

    /// The scope of the metrics measured at the caller: `app.success_rate`, `app.latency.p99`.
    public static let scope = "app"

    /// The text that `${providers.NAME.url}` is written as in `env` and `command`.
    public static func providerURLPlaceholder(_ provider: String) -> String { "${providers.\(provider).url}" }

    /// `text` with each `${providers.NAME.url}` replaced by that provider's URL.
    public static func fillProviderURLs(_ text: String, urls: [String: String]) -> String {
        urls.reduce(text) { $0.replacingOccurrences(of: providerURLPlaceholder($1.key), with: $1.value) }
    }
}

/// `app.breakers`: where the app tells the state of its own breakers.
public struct BreakerReading: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Prometheus text: one series of `metric` per breaker, named by `nameLabel`.
        case prometheus(metric: String, nameLabel: String, stateLabel: String?, values: [Double: BreakerState])
        /// A JSON document; `path` (`$.breakers[*]`) selects the breakers, each with `name` and `state`.
        case json(path: String)
    }

    public var url: String
    public var source: Source
    public var every: TimeSpan = .milliseconds(250)
    /// The app's breaker names, each mapped to the provider it guards; unmapped names are taken as provider names.
    public var names: [String: String] = [:]

    public init(url: String, source: Source) {
        self.url = url
        self.source = source
    }

    /// `source`'s key in the file: `prometheus` or `json`.
    public var kind: String {
        switch source {
        case .prometheus: "prometheus"
        case .json: "json"
        }
    }

    /// The states a gauge value may stand for, as `states:` names them.
    public static let stateNames: [String] = [BreakerState.closed, .open, .halfOpen, .forcedOpen, .disabled].map(\.rawValue)

    /// The default value mapping of a state gauge: 0 closed, 1 open, 2 half open.
    public static let defaultValues: [Double: BreakerState] = [0: .closed, 1: .open, 2: .halfOpen]
}

extension Policy {
    /// The policy of `mode: app`: each request goes once to the app, with no retry and no
    /// breaker of airm's, and gives up after `timeout`. Its route names the first provider only
    /// because the run core needs one; the app's requests are never counted on it.
    public static func passThrough(to provider: String, timeout: TimeSpan) -> Policy {
        Policy(route: [provider], defaults: ProviderPolicy(
            timeout: timeout, retry: RetryPolicy(maxAttempts: 1, on: []),
            breaker: BreakerPolicy(consecutiveFailures: 0, failureRate: nil, failures: [])))
    }
}
