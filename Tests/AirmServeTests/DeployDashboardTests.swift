import AirmEngine
import Foundation
import Testing
@testable import AirmServe

/// `deploy/grafana-dashboard.json` queries only metrics the gateway exports (docs/serve.md "Deploy").
@Suite struct DeployDashboardTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `expr` of every panel target.
    private func expressions() throws -> [String] {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("deploy/grafana-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        return panels.flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
    }

    /// The `airm_…` names an expression uses.
    private func metricNames(in expression: String) -> Set<String> {
        let regex = /airm_[a-z_]+/
        return Set(expression.matches(of: regex).map { String($0.output) })
    }

    /// An exposition with every metric family present: a request, an attempt, a transition, a fault.
    private func exposition() -> Exposition {
        let metrics = GatewayMetrics(providers: ["gemini"])
        metrics.record(.request(RequestSample(stream: 0, scheduledAt: .zero, endedAt: .seconds(1), outcome: .ok, attempts: 1)))
        metrics.record(.transition(TransitionRecord(provider: "gemini", at: .zero, from: .closed, to: .open, reason: "")))
        metrics.faultStarted("outage")
        return Exposition(metrics.exposition())
    }

    @Test func everyQueriedMetricIsExported() throws {
        let exported = Set(exposition().samples.map(\.name))
        let expressions = try expressions()
        #expect(expressions.count >= 6)
        for expression in expressions {
            let names = metricNames(in: expression)
            #expect(!names.isEmpty, "\(expression) queries no airm metric")
            for name in names {
                #expect(exported.contains(name), "\(name) in \(expression) is not in the exposition")
            }
        }
    }

    @Test func everyCatalogMetricIsOnTheDashboard() throws {
        let queried = try expressions().reduce(into: Set<String>()) { $0.formUnion(metricNames(in: $1)) }
        for entry in MetricCatalog.all {
            #expect(queried.contains { $0 == entry.name || $0 == entry.name + "_bucket" }, "\(entry.name) has no panel")
        }
    }
}
