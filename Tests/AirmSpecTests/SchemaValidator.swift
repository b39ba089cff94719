import Foundation
import Yams
@testable import AirmSpec

/// Enough of JSON Schema draft 2020-12 to check the experiment schema: `$ref` into `$defs`,
/// type, properties, required, additionalProperties, propertyNames, enum, const, pattern,
/// items, oneOf, anyOf, minimum, maximum, minItems, maxItems, minProperties.
struct SchemaValidator {
    let root: SchemaNode

    /// Problems found, as `path: message`; empty when `instance` is valid.
    func validate(_ instance: SchemaNode) -> [String] { validate(instance, against: root, path: "$") }

    private func validate(_ instance: SchemaNode, against schema: SchemaNode, path: String) -> [String] {
        if case .bool(let allowed) = schema { return allowed ? [] : ["\(path): not allowed"] }
        var problems: [String] = []
        if case .string(let reference)? = schema["$ref"] {
            let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = root["$defs"]?[name] else { return ["\(path): unresolved \(reference)"] }
            problems += validate(instance, against: target, path: path)
        }
        if case .string(let type)? = schema["type"], !Self.matches(instance, type: type) {
            return problems + ["\(path): expected \(type)"]
        }
        if case .array(let options)? = schema["enum"], !options.contains(instance) { problems.append("\(path): not in enum") }
        if let constant = schema["const"], constant != instance { problems.append("\(path): not \(constant.pretty())") }
        if case .string(let pattern)? = schema["pattern"], case .string(let text) = instance, !Self.search(pattern, in: text) {
            problems.append("\(path): `\(text)` does not match \(pattern)")
        }
        if case .number(let value) = instance {
            if case .number(let minimum)? = schema["minimum"], value < minimum { problems.append("\(path): below \(minimum)") }
            if case .number(let maximum)? = schema["maximum"], value > maximum { problems.append("\(path): above \(maximum)") }
        }
        if case .array(let items) = instance {
            if case .number(let minimum)? = schema["minItems"], Double(items.count) < minimum { problems.append("\(path): too few items") }
            if case .number(let maximum)? = schema["maxItems"], Double(items.count) > maximum { problems.append("\(path): too many items") }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { problems += validate(item, against: itemSchema, path: "\(path)[\(index)]") }
            }
        }
        if case .object(let pairs) = instance {
            problems += validateObject(pairs, schema: schema, path: path)
        }
        if case .array(let options)? = schema["oneOf"] {
            let passing = options.filter { validate(instance, against: $0, path: path).isEmpty }.count
            if passing != 1 { problems.append("\(path): matches \(passing) of the oneOf schemas, not exactly one") }
        }
        if case .array(let options)? = schema["anyOf"], !options.contains(where: { validate(instance, against: $0, path: path).isEmpty }) {
            problems.append("\(path): matches none of the anyOf schemas")
        }
        return problems
    }

    private func validateObject(_ pairs: [(String, SchemaNode)], schema: SchemaNode, path: String) -> [String] {
        var problems: [String] = []
        if case .number(let minimum)? = schema["minProperties"], Double(pairs.count) < minimum { problems.append("\(path): too few keys") }
        if case .number(let maximum)? = schema["maxProperties"], Double(pairs.count) > maximum { problems.append("\(path): too many keys") }
        if case .array(let required)? = schema["required"] {
            for case .string(let key) in required where !pairs.contains(where: { $0.0 == key }) {
                problems.append("\(path): missing \(key)")
            }
        }
        let properties: [(String, SchemaNode)]
        if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [] }
        for (key, value) in pairs {
            if let names = schema["propertyNames"] { problems += validate(.string(key), against: names, path: "\(path).\(key)<name>") }
            if let property = properties.first(where: { $0.0 == key }) {
                problems += validate(value, against: property.1, path: "\(path).\(key)")
            } else if let additional = schema["additionalProperties"] {
                if case .bool(false) = additional { problems.append("\(path): unknown key \(key)") }
                else { problems += validate(value, against: additional, path: "\(path).\(key)") }
            }
        }
        return problems
    }

    private static func matches(_ instance: SchemaNode, type: String) -> Bool {
        switch (type, instance) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): true
        case ("integer", .number(let value)): value == value.rounded()
        default: false
        }
    }

    private static func search(_ pattern: String, in text: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    // MARK: - YAML to JSON

    /// The JSON value a YAML 1.1 reader would produce from the text.
    static func json(fromYAML text: String) throws -> SchemaNode {
        guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return .null }
        return json(node)
    }

    static func json(_ node: Node) -> SchemaNode {
        switch node {
        case .mapping(let mapping): return .object(mapping.map { ($0.key.scalar?.string ?? "", json($0.value)) })
        case .sequence(let sequence): return .array(sequence.map(json))
        case .alias: return .null
        case .scalar(let scalar):
            switch scalar.plainType {
            case .null: return .null
            case .bool: return .bool(["true", "yes", "on"].contains(scalar.string.lowercased()))
            case .int, .float: return Double(scalar.string.filter { $0 != "_" }).map(SchemaNode.number) ?? .string(scalar.string)
            case .string: return .string(scalar.string)
            }
        }
    }
}
