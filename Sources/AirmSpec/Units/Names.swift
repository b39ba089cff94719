/// Name rules of docs/experiment-format.md "Top level".
public enum Names {
    /// Provider, stream and fault names: `[a-z0-9_-]+`.
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Experiment names: `[a-z0-9._-]+`.
    public static func isValidExperimentName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// A name changed to fit the rules, for "did you mean" hints: lowercase, other characters as `-`.
    public static func suggestion(for name: String, allowDot: Bool = false) -> String {
        String(name.lowercased().unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || (allowDot && scalar == ".")
            return ok ? Character(scalar) : "-"
        })
    }
}
