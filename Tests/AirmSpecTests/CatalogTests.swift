import AirmEngine
import Foundation
import Testing
@testable import AirmSpec

/// The breaker check and metric catalogs: the one list the loader, the schema and the documentation follow.
@Suite struct CatalogTests {
    static let format = (try? String(contentsOf: Support.root.appendingPathComponent("docs/experiment-format.md"), encoding: .utf8)) ?? ""

    @Test(arguments: BreakerChecks.all.map(\.key))
    func everyBreakerCheckIsDocumented(_ key: String) {
        #expect(Self.format.contains("`\(key)`") || Self.format.contains("`\(key):"),
                "docs/experiment-format.md does not mention the breaker check `\(key)`")
    }

    @Test(arguments: Metric.all.map(\.name))
    func everyMetricIsDocumented(_ name: String) {
        let parts = name.split(separator: ".").map(String.init)
        let documented: Bool
        if parts.count == 2, parts[0] == "errors" {
            // `errors.<kind>`, with every kind in the error kinds' table.
            documented = Self.format.contains(".errors.<kind>`") && Self.format.contains("`\(parts[1])`")
        } else if parts.count == 2 {
            // `latency.p50`, `.p90`, …: the family's first name, then the others by suffix.
            documented = Self.format.contains("`\(name)`") || (Self.format.contains("`\(parts[0]).") && Self.format.contains("`.\(parts[1])`"))
        } else {
            documented = Self.format.contains("`\(name)`") || Self.format.contains(".\(name)`") || Self.format.contains("`.\(name)`")
        }
        #expect(documented, "docs/experiment-format.md does not mention the metric `\(name)`")
    }

    @Test func keysAndNamesAreUnique() {
        #expect(Set(BreakerCheck.keys).count == BreakerChecks.all.count)
        #expect(Set(ExpectationParser.metricNames).count == Metric.all.count)
    }

    @Test func loaderAndSchemaFollowTheCatalog() {
        #expect(ExperimentReader.assertionKeys == ["name", "breaker", "expect"] + BreakerChecks.all.map(\.key) + ExperimentReader.windowKeys
                    + ["abort_on_fail"])
        guard case .object(let definitions)? = ExperimentSchema.value(faultTypes: FaultTypes.all)["$defs"],
              let breaker = definitions.first(where: { $0.0 == "breaker_assertion" })?.1,
              case .object(let properties)? = breaker["properties"] else {
            Issue.record("no breaker_assertion in the schema")
            return
        }
        #expect(properties.map(\.0) == ["name", "breaker"] + BreakerChecks.all.map(\.key) + ExperimentReader.windowKeys + ["abort_on_fail"])
    }

    @Test(arguments: Metric.all)
    func everyMetricParsesByItsName(_ metric: Metric) {
        #expect(ExpectationParser.metric(named: metric.name) == metric)
    }

    @Test func aMisspelledCheckIsAnErrorWithASuggestion() {
        let result = Support.load(Support.minimal + "\nassertions:\n  - breaker: gemini\n    sequense: [closed, open]\n")
        let errors = Support.errors(result)
        #expect(result.experiment == nil)
        #expect(errors.contains { $0.description.contains("sequense") && $0.description.contains("sequence") })
    }
}
