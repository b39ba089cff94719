import AirmEngine
import AirmSpec
import Foundation
import Testing

/// `FaultTypes.all` is the one list of fault types: names, keys, schema and docs agree with it.
@Suite struct FaultTypesTests {
    static let docs: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/experiment-format.md"), encoding: .utf8)) ?? ""
    }()

    /// The `faults` section of the format reference, up to the next top-level section.
    static var faultsSection: String {
        guard let start = docs.range(of: "## `faults`") else { return "" }
        let rest = docs[start.upperBound...]
        let end = rest.range(of: "\n## `steady_state`")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func namesAreUnique() {
        #expect(Set(FaultTypes.all.typeNames).count == FaultTypes.all.types.count)
    }

    @Test(arguments: FaultTypes.all.typeNames)
    func everyTypeAndKeyIsDocumented(_ name: String) throws {
        let type = try #require(FaultTypes.all.type(named: name))
        let section = Self.faultsSection
        #expect(section.contains("| `\(name)` |"), "docs/experiment-format.md has no row for `\(name)`")
        let row = section.split(separator: "\n").first { $0.hasPrefix("| `\(name)` |") }.map(String.init) ?? ""
        for key in type.keys {
            #expect(row.contains("`\(key)`") || row.contains("`\(key): "), "docs/experiment-format.md does not list `\(key)` for `\(name)`")
        }
    }

    @Test(arguments: FaultTypes.all.typeNames)
    func schemaDescribesExactlyTheKeys(_ name: String) throws {
        let type = try #require(FaultTypes.all.type(named: name))
        #expect(type.schema.properties.map(\.0) == type.keys)
        #expect(type.schema.required.allSatisfy(type.keys.contains))
    }

    @Test func theLoaderAndTheSchemaSpeakTheVocabulary() {
        let schema = ExperimentSchema.value(faultTypes: FaultTypes.all)
        guard case .array(let variants)? = schema["$defs"]?["fault"]?["oneOf"] else {
            Issue.record("no fault variants")
            return
        }
        let names = variants.compactMap { variant -> String? in
            if case .string(let name)? = variant["properties"]?["type"]?["const"] { return name }
            return nil
        }
        #expect(names == FaultTypes.all.typeNames)
    }
}

/// `stream_cut`'s `ending:` chooses how a live exchange or the fake ends the cut stream.
@Suite struct StreamCutEndingTests {
    static func load(_ extra: String) -> FaultLoadResult {
        ExperimentLoader.loadFault(source: "{ type: stream_cut, target: a, after_tokens: 3\(extra) }", file: "fault",
                                   faultTypes: FaultTypes.all)
    }

    @Test(arguments: [("", FaultDelivery.cut(.afterTokens(3))), (", ending: truncated", .cut(.afterTokens(3))),
                      (", ending: clean", .endAfter(.afterTokens(3))), (", ending: reset", .resetAfter(.afterTokens(3)))])
    func eachEndingHasItsDelivery(_ extra: String, _ delivery: FaultDelivery) throws {
        let fault = try #require(Self.load(extra).fault)
        let behavior = try #require(fault.kind as? any FaultBehavior)
        #expect(behavior.delivery(of: .cut(.afterTokens(3))) == delivery)
        #expect(behavior.delivery(of: .passThrough) == .real)
    }

    @Test func anUnknownEndingIsALocatedError() {
        let loaded = Self.load(", ending: gentle")
        #expect(loaded.hasErrors)
        let message = loaded.diagnostics.map(\.description).joined(separator: "\n")
        #expect(message.contains("fault:1:57"), "\(message)")
        #expect(message.contains("clean"), "\(message)")
    }
}
