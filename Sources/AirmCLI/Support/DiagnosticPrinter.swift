import AirmSpec
import Foundation

/// Prints diagnostics the way compilers do, or as JSON for machines.
enum DiagnosticPrinter {
    /// One line per diagnostic (notes on their own lines), then a count such as
    /// `2 errors, 1 warning in 3 files`.
    static func printText(_ diagnostics: [Diagnostic], files: Int, in world: World) {
        for diagnostic in diagnostics {
            world.print(diagnostic.description)
        }
        world.print(summary(diagnostics, files: files))
    }

    static func summary(_ diagnostics: [Diagnostic], files: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let fileWord = files == 1 ? "file" : "files"
        if errors == 0 && warnings == 0 { return "\(files) \(fileWord) valid" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(files) \(fileWord)"
    }

    static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

    /// `{"files": N, "errors": N, "warnings": N, "diagnostics": [{file, line, column, severity, message, hint?, notes}]}`.
    static func json(_ diagnostics: [Diagnostic], files: Int) -> String {
        func object(_ d: Diagnostic) -> [String: Any] {
            var value: [String: Any] = ["severity": d.severity.rawValue, "message": d.message]
            if let location = d.location {
                value["file"] = location.file
                value["line"] = location.line
                value["column"] = location.column
            }
            if let hint = d.hint { value["hint"] = hint }
            value["notes"] = d.notes.map(object)
            return value
        }
        let root: [String: Any] = [
            "files": files,
            "errors": diagnostics.filter { $0.severity == .error }.count,
            "warnings": diagnostics.filter { $0.severity == .warning }.count,
            "diagnostics": diagnostics.map(object),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
