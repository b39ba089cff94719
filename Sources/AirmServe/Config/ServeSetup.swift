import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient

/// Turns a configuration into what the gateway runs on (docs/serve.md "Configuration").
public enum ServeSetup {
    /// Loads a gateway configuration: the experiment format's `providers`, `policy` and optional
    /// `faults`; `name`, `duration` and `traffic` may be left out (`LoadPurpose.gateway`).
    public static func load(contentsOf path: String, shownAs file: String, environment: [String: String]) -> LoadResult {
        ExperimentLoader.load(contentsOf: path, shownAs: file, environment: environment, faultTypes: FaultTypes.all,
                              purpose: .gateway)
    }

    /// Whether `provider` is called over the wire: not with `simulate`, not for `simulated`
    /// providers, and only with a key.
    public static func isLive(_ provider: Provider, simulate: Bool) -> Bool {
        guard !simulate, provider.kind != .simulated else { return false }
        return !(provider.apiKey?.value ?? "").isEmpty
    }

    /// Per provider, the fault transport over its real client, or `nil` to run it on its model.
    public static func transports(for experiment: Experiment, simulate: Bool, http: HTTPClient) -> [FaultTransport?] {
        experiment.providers.map { provider in
            guard isLive(provider, simulate: simulate) else { return nil }
            return ProviderClients.make(for: provider, http: http).map { FaultTransport(provider: provider.kind, client: $0) }
        }
    }
}
