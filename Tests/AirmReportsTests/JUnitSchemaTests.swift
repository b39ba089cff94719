import AirmEngine
import Foundation
import Testing
import AirmReports

/// Validates the JUnit output against both XSDs in `shared/schemas` with `xmllint`.
@Suite(.enabled(if: Support.xmllint != nil, "xmllint not found: install libxml2-utils (apt-get install -y libxml2-utils) to validate JUnit against the XSDs"))
struct JUnitSchemaTests {
    enum Document: String, CaseIterable, Sendable {
        case outage, hour, hostileWithErrors, onlyErrors, empty

        var xml: String {
            switch self {
            case .outage: JUnitReporter.render([Fixtures.outage])
            case .hour: JUnitReporter.render([Fixtures.outage, Fixtures.hour], hostname: "runner & co")
            case .hostileWithErrors:
                JUnitReporter.render([Fixtures.hostile], errors: [JUnitReporterTests.brokenFile,
                                                                  ExperimentError(name: "\u{1B}bad <name>", file: "x.yaml", message: "", type: "run_error")],
                                     hostname: "")
            case .onlyErrors: JUnitReporter.render([], errors: [JUnitReporterTests.brokenFile])
            case .empty: JUnitReporter.render([])
            }
        }
    }

    @Test(arguments: ["windyroad-JUnit.xsd", "junit-10.xsd"], Document.allCases)
    func validatesAgainstSchema(schema: String, document: Document) throws {
        let directory = try #require(Support.schemasDirectory, "JUnit schemas not found in ../shared/schemas or /work/shared/schemas")
        let result = try Support.validate(document.xml, schema: directory.appendingPathComponent(schema))
        #expect(result.status == 0, "\(document) does not validate against \(schema):\n\(result.output)")
    }
}
