import AirmEngine
import Foundation
import Testing
@testable import AirmSpec

@Suite struct SchemaTests {
    static let validator = SchemaValidator(root: ExperimentSchema.value(faultTypes: FaultTypes.all))

    @Test func rootListsTheTopLevelKeys() {
        let root = ExperimentSchema.value(faultTypes: FaultTypes.all)
        #expect(root["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(root["type"] == "object")
        #expect(root["additionalProperties"] == false)
        guard case .object(let properties)? = root["properties"] else {
            Issue.record("no properties")
            return
        }
        #expect(properties.map(\.0) == ExperimentReader.topLevelKeys)
        #expect(root["required"] == ["name", "duration", "providers", "traffic"])
    }

    @Test func printedSchemaIsStableJSON() throws {
        let text = ExperimentSchema.json(faultTypes: FaultTypes.all)
        #expect(text == ExperimentSchema.json(faultTypes: FaultTypes.all))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["type"] as? String == "object")
        #expect(text.hasPrefix("{\n  \"$schema\": "))
    }

    @Test(arguments: Support.exampleFiles)
    func examplesValidate(path: String) throws {
        let json = try SchemaValidator.json(fromYAML: String(contentsOfFile: path, encoding: .utf8))
        let problems = Self.validator.validate(json)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func minimalFileValidates() throws {
        #expect(Self.validator.validate(try SchemaValidator.json(fromYAML: Support.minimal)).isEmpty)
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let json = try SchemaValidator.json(fromYAML: Support.minimal + "\ncolour: blue\n")
        #expect(Self.validator.validate(json).contains { $0.contains("unknown key colour") })
    }

    @Test(arguments: [
        ("duration: 30", "duration"),
        ("mode: fast", "mode"),
        ("providers: {}", "providers"),
        ("traffic: [ { rate: 1/s, users: 2 } ]", "traffic"),
        ("faults: [ { target: gemini, type: latency } ]", "faults"),
        ("assertions: [ { breaker: gemini } ]", "assertions"),
        ("assertions: [ { breaker: gemini, opens: true, expect: ok > 0 } ]", "assertions"),
        ("policy: { breaker: { open_fro: 30s } }", "policy"),
    ])
    func schemaRejectsWhatTheLoaderRejects(line: String, key: String) throws {
        var lines = Support.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let replaced = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if let index = lines.firstIndex(where: { $0.hasPrefix(replaced + ":") }) {
            var end = index + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.replaceSubrange(index..<end, with: [line])
        } else {
            lines.append(line)
        }
        let text = lines.joined(separator: "\n")
        #expect(Support.load(text).hasErrors, "the loader accepts: \(line)")
        #expect(!Self.validator.validate(try SchemaValidator.json(fromYAML: text)).isEmpty, "the schema accepts: \(line)")
    }
}
