/// The part of JSONPath that `app.breakers.json.path` may use (docs/app-mode.md): `$`, then
/// `.key` and `[*]` steps, e.g. `$.breakers[*]` or `$.status.circuits`.
public enum JSONPathSubset {
    public enum Step: Sendable, Hashable {
        case key(String)
        case all
    }

    /// The steps of `path`, or `nil` when it is not in the subset.
    public static func steps(_ path: String) -> [Step]? {
        guard path.hasPrefix("$") else { return nil }
        var steps: [Step] = []
        var rest = Substring(path.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix("[*]") {
                steps.append(.all)
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix(".") {
                let body = rest.dropFirst()
                let end = body.firstIndex { $0 == "." || $0 == "[" } ?? body.endIndex
                let key = body[body.startIndex..<end]
                guard !key.isEmpty else { return nil }
                steps.append(.key(String(key)))
                rest = body[end...]
            } else {
                return nil
            }
        }
        return steps
    }

    public static func isValid(_ path: String) -> Bool { steps(path) != nil }
}
