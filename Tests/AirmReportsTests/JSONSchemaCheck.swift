import Foundation
import Testing

/// Enough of JSON Schema draft-07 to check a report against `Schemas/ctrf.schema.json`: `$ref`
/// into `definitions`, type, properties, required, additionalProperties, enum, const, pattern,
/// minLength, minItems, minimum, items and anyOf. Formats are not checked.
struct JSONSchemaCheck {
    let root: [String: Any]

    /// The schema committed as `Schemas/<name>`.
    static func committed(_ name: String) throws -> JSONSchemaCheck {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Schemas"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return JSONSchemaCheck(root: try #require(object as? [String: Any]))
    }

    /// Problems found, as `path: message`; empty when `text` is valid JSON that satisfies the schema.
    func problems(in text: String) -> [String] {
        guard let instance = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return ["$: not JSON"]
        }
        return problems(instance, against: root, path: "$")
    }

    private func problems(_ instance: Any, against schema: [String: Any], path: String) -> [String] {
        var found: [String] = []
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/definitions/", with: "")
            guard let target = (root["definitions"] as? [String: Any])?[name] as? [String: Any] else { return ["\(path): unresolved \(reference)"] }
            found += problems(instance, against: target, path: path)
        }
        if let type = schema["type"] as? String, !Self.matches(instance, type: type) { return found + ["\(path): expected \(type)"] }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, instance) }) { found.append("\(path): not in enum") }
        if let constant = schema["const"], !Self.equal(constant, instance) { found.append("\(path): not \(constant)") }
        if let text = instance as? String {
            if let minimum = schema["minLength"] as? Int, text.count < minimum { found.append("\(path): too short") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): `\(text)` does not match \(pattern)")
            }
        }
        if let minimum = schema["minimum"] as? Double, let value = (instance as? NSNumber)?.doubleValue, value < minimum {
            found.append("\(path): below \(minimum)")
        }
        if let items = instance as? [Any] {
            if let minimum = schema["minItems"] as? Int, items.count < minimum { found.append("\(path): too few items") }
            if let itemSchema = schema["items"] as? [String: Any] {
                for (index, item) in items.enumerated() { found += problems(item, against: itemSchema, path: "\(path)[\(index)]") }
            }
        }
        if let options = schema["anyOf"] as? [[String: Any]], !options.contains(where: { problems(instance, against: $0, path: path).isEmpty }) {
            found.append("\(path): matches none of anyOf")
        }
        if let object = instance as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): missing \(key)") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] as? [String: Any] {
                    found += problems(value, against: property, path: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(value, against: additional, path: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): unexpected key \(key)")
                }
            }
        }
        return found
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": isBool(value)
        case "integer": !isBool(value) && (value as? NSNumber).map { $0.doubleValue.rounded() == $0.doubleValue } == true
        case "number": !isBool(value) && value is NSNumber
        case "null": value is NSNull
        default: false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }
}
