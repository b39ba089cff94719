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

    /// The longest experiment name, in bytes: with `.html` or `.json` added it still fits the
    /// 255-byte file names of every common file system.
    public static let maximumExperimentNameBytes = 200

    /// Why a name that passes `isValidExperimentName` still cannot name report files, if it cannot:
    /// too long for a file name, or hidden (a leading `.`).
    public static func experimentNameProblem(_ name: String) -> String? {
        if name.utf8.count > maximumExperimentNameBytes {
            return "experiment name is \(name.utf8.count) characters long; the longest is \(maximumExperimentNameBytes)"
        }
        if name.hasPrefix(".") { return "experiment name `\(name)` may not start with `.`" }
        return nil
    }

    /// A name changed to fit the rules, for "did you mean" hints: lowercase, other characters as `-`.
    public static func suggestion(for name: String, allowDot: Bool = false) -> String {
        String(name.lowercased().unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || (allowDot && scalar == ".")
            return ok ? Character(scalar) : "-"
        })
    }
}
