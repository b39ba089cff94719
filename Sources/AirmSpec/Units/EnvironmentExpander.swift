/// Expands `${VAR}` and `${VAR:-default}` in string values, using an injected environment only.
///
/// `$${` writes a literal `${`. A variable that is unset and has no default expands to "" and is
/// listed in `missing`; whether that matters is decided where the value is used.
public enum EnvironmentExpander {
    public struct Expansion: Sendable, Hashable {
        public var value: String
        public var missing: [String]
        /// True when the text held at least one `${...}`.
        public var interpolated: Bool
    }

    public static func expand(_ text: String, environment: [String: String]) -> Result<Expansion, UnitError> {
        guard text.contains("$") else { return .success(Expansion(value: text, missing: [], interpolated: false)) }
        var output = ""
        var missing: [String] = []
        var interpolated = false
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[rest.startIndex..<dollar]
            let after = rest[dollar...].dropFirst()
            if after.hasPrefix("${") {                 // `$${` escapes a literal `${`
                output += "${"
                rest = after.dropFirst(2)
                continue
            }
            guard after.hasPrefix("{") else {
                output += "$"
                rest = after
                continue
            }
            guard let close = after.firstIndex(of: "}") else {
                return .failure(UnitError("unterminated `${` in `\(text)`", hint: "write `${NAME}` or `${NAME:-default}`; `$${` gives a literal `${`"))
            }
            let body = String(after[after.index(after: after.startIndex)..<close])
            let name: String
            let fallback: String?
            if let range = body.range(of: ":-") {
                name = String(body[body.startIndex..<range.lowerBound])
                fallback = String(body[range.upperBound...])
            } else {
                name = body
                fallback = nil
            }
            guard isVariableName(name) else {
                return .failure(UnitError("`${\(body)}` does not name an environment variable", hint: "names are letters, digits and `_`, e.g. `${GEMINI_API_KEY}`"))
            }
            interpolated = true
            if let value = environment[name], !(value.isEmpty && fallback != nil) {
                output += value
            } else if let fallback {
                output += fallback
            } else {
                missing.append(name)
            }
            rest = after[after.index(after: close)...]
        }
        output += rest
        return .success(Expansion(value: output, missing: missing, interpolated: interpolated))
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
