import Foundation
import Testing
@testable import AirmServe

/// The committed openapi.yaml is the one served, and it lists exactly the registered routes.
@Suite struct OpenAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theServedDocumentIsTheCommittedOne() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(OpenAPIDocument.yaml == committed, "openapi.yaml changed: run scripts/serve/openapi-embed.sh")
    }

    /// `METHOD /path` for each operation under `paths:`, read from the document's layout
    /// (paths at two spaces, methods at four).
    static func operations(in yaml: String) -> Set<String> {
        var operations = Set<String>()
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.trimmingCharacters(in: .whitespaces)
                let method = key.hasSuffix(":") ? String(key.dropLast()) : ""
                if ["get", "post", "put", "patch", "delete", "head", "options"].contains(method) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() throws {
        let server = ServeHarness.server(try ServeHarness.gateway())
        let routes = Set(server.routeTable.map { "\($0.method) \($0.path)" })
        let documented = Self.operations(in: OpenAPIDocument.yaml)
        #expect(routes.count == 19)
        #expect(routes.subtracting(documented).isEmpty, "registered but not documented: \(routes.subtracting(documented).sorted())")
        #expect(documented.subtracting(routes).isEmpty, "documented but not registered: \(documented.subtracting(routes).sorted())")
    }
}
