import AirmEngine
import AirmSpec
import Foundation

/// Checks a live experiment before any call is made (docs/semantics.md "Live runs"): keys and endpoints that
/// name unset variables, and the call budget for non-loopback endpoints.
///
/// Messages name variables and providers, never a key's value.
enum LivePreflight {
    /// A problem that stops the run before it starts (exit 2).
    struct Refusal: Error, Equatable {
        var message: String
    }

    /// The providers a live run calls over HTTP: those in the route that are not `simulated`.
    static func wiredProviders(_ experiment: Experiment) -> [Provider] {
        let route = Set(experiment.policy.route)
        return experiment.providers.filter { route.contains($0.name) && $0.kind != .simulated }
    }

    /// Every unset variable a needed `api_key` or `endpoint` refers to.
    static func missingVariables(_ experiment: Experiment) -> [Refusal] {
        var refusals: [Refusal] = []
        for provider in wiredProviders(experiment) {
            for variable in provider.apiKey?.missing ?? [] {
                let at = provider.apiKey.map { "\($0.location.line):\($0.location.column)" } ?? "1:1"
                refusals.append(Refusal(message: "\(experiment.file):\(at): provider '\(provider.name)' takes its api_key from ${\(variable)}, which is not set; export it, or point `endpoint` at `airm fake-providers` and give any key"))
            }
            for variable in provider.endpoint?.missing ?? [] {
                let at = provider.endpoint.map { "\($0.location.line):\($0.location.column)" } ?? "1:1"
                refusals.append(Refusal(message: "\(experiment.file):\(at): provider '\(provider.name)' takes its endpoint from ${\(variable)}, which is not set; export it, or write the URL in the file"))
            }
        }
        return refusals
    }

    /// What a live run may spend on non-loopback endpoints.
    struct CallEstimate: Equatable {
        /// The requests the traffic is expected to send: one call each when nothing fails.
        var expected: Int
        /// At most: every request making every attempt on every provider of its route.
        var bound: Int
    }

    /// The call estimate when some endpoint is not loopback, else `nil`.
    static func plannedRemoteCalls(_ plan: Plan) -> CallEstimate? {
        guard wiredProviders(plan.experiment).contains(where: { !isLoopback($0) }) else { return nil }
        let requests = plan.expectedRequests.count.rounded(.up)
        let attempts = plan.router.legs.reduce(0) { $0 + max(1, plan.providers[$1.provider].policy.retry.maxAttempts) }
        let expected = requests < Double(Int.max) ? Int(requests) : Int.max
        let bound = expected.multipliedReportingOverflow(by: max(1, attempts))
        return CallEstimate(expected: expected, bound: bound.overflow ? Int.max : bound.partialValue)
    }

    /// For `mode: app`: the call estimate when some provider's fake forwards to an `upstream`
    /// that is not loopback (docs/app-mode.md "Proxy mode"), else `nil`. Each request to the app
    /// is expected to reach one provider; at most it reaches every such provider once. The app's
    /// own retries are its own and can exceed the bound.
    static func plannedUpstreamCalls(_ plan: Plan) -> CallEstimate? {
        let remote = plan.experiment.providers.filter { $0.upstream.map { !ProxyUpstreamURL.isLoopback($0.value) } ?? false }
        guard !remote.isEmpty else { return nil }
        let requests = plan.expectedRequests.count.rounded(.up)
        let expected = requests < Double(Int.max) ? Int(requests) : Int.max
        let bound = expected.multipliedReportingOverflow(by: remote.count)
        return CallEstimate(expected: expected, bound: bound.overflow ? Int.max : bound.partialValue)
    }

    /// Whether the provider's endpoint is on this machine. No endpoint means the real API.
    static func isLoopback(_ provider: Provider) -> Bool {
        guard let text = provider.endpoint?.value, !text.isEmpty,
              let host = URLComponents(string: text)?.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
