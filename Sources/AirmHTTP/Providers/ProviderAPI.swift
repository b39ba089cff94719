import AirmSpec
import AsyncHTTPClient

/// One provider type's HTTP API: everything airm knows about it (docs/providers.md).
///
/// Each implementation lives in its own folder `Providers/<Name>/` and is one entry of
/// `ProviderAPIs.all`; nothing outside that folder switches on its `kind`. An implementation
/// must be a pure value (no I/O, no clock, no state) and provide, for its `kind`:
/// - `client(model:apiKey:endpoint:http:)`: the live client, an `HTTPProviderClient` over the
///   provider's `WireFormat` (request encoding, answer and stream decoding, error
///   classification), at `endpoint` or, when that is `nil`, at `defaultEndpoint`;
/// - `FakeAPI`: the routes, key check, request parsing, answers and stream events that
///   `airm fake-providers` serves;
/// - `NativeErrorFormat`: the provider's error bodies, used by the fault transport and the fake,
///   including the answer to a request without key.
protocol ProviderAPI: FakeAPI, NativeErrorFormat {
    /// The provider type this API serves.
    var kind: Provider.Kind { get }
    /// The real API's base URL, without a trailing slash: the endpoint when a provider sets none.
    var defaultEndpoint: String { get }
    /// The live client for `model` with `apiKey` (empty when unset), at `endpoint` (`nil`: the
    /// real API). `endpoint` has no trailing slash.
    func client(model: String, apiKey: String, endpoint: String?, http: HTTPClient) -> any ProviderClient
}
