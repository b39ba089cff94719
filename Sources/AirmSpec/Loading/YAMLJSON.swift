import Yams

/// Encodes a YAML value as JSON text, for bodies written in the file as YAML (`app.request.json`).
///
/// Plain scalars keep their YAML type (numbers, booleans, null); quoted ones are strings.
/// `${VAR}` expands in strings. Mapping keys keep file order.
struct YAMLJSON {
    let context: LoadContext

    func encode(_ node: Node, key: String) -> String? {
        var out = ""
        return write(node, key: key, into: &out) ? out : nil
    }

    private func write(_ node: Node, key: String, into out: inout String) -> Bool {
        switch node {
        case .mapping(let mapping):
            out += "{"
            for (index, (keyNode, value)) in mapping.enumerated() {
                guard case .scalar(let name) = keyNode else {
                    context.error("keys in `\(key)` must be plain words", at: context.location(keyNode))
                    return false
                }
                if index > 0 { out += "," }
                SchemaNode.quote(name.string, into: &out)
                out += ":"
                guard write(value, key: name.string, into: &out) else { return false }
            }
            out += "}"
        case .sequence(let sequence):
            out += "["
            for (index, item) in sequence.enumerated() {
                if index > 0 { out += "," }
                guard write(item, key: key, into: &out) else { return false }
            }
            out += "]"
        case .scalar(let scalar):
            switch scalar.plainType {
            case .null: out += "null"
            case .bool: out += ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(scalar.string) ? "true" : "false"
            case .int, .float:
                guard let number = Double(scalar.string.filter { $0 != "_" }), number.isFinite else {
                    context.error("`\(key)`: `\(scalar.string)` has no JSON form", at: context.location(node), hint: "quote it to send text")
                    return false
                }
                out += number.formatted
            case .string:
                guard let text = context.string(node, key: key) else { return false }
                SchemaNode.quote(text, into: &out)
            }
        case .alias:
            context.error("`\(key)` cannot use YAML aliases", at: context.location(node))
            return false
        }
        return true
    }
}
