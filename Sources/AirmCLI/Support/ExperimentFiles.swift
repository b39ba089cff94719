import Foundation

/// Expands command-line paths into experiment files: a directory means its `*.yaml` and `*.yml`
/// files (not recursive), sorted by name; a file is taken as given; `-` is standard input.
public enum ExperimentFiles {
    /// The path that means standard input.
    static let standardInput = "-"
    /// How diagnostics and reports name an experiment read from standard input.
    static let standardInputName = "<stdin>"

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
            let hint = trimmed == "experiments" ? " (run `airm init` to create experiments/ with a working example)" : ""
            return "\(path): no such file or directory\(hint)"
        }
    }

    /// The files in order, or the first path that does not exist.
    public static func expand(_ paths: [String], in world: World) -> Result<[String], Missing> {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            if path == standardInput {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: world.resolve(path), isDirectory: &isDirectory) else {
                return .failure(Missing(path: path))
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let names = (try? manager.contentsOfDirectory(atPath: world.resolve(path))) ?? []
            let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += yaml.map { base.isEmpty ? $0 : "\(base)/\($0)" }
        }
        return .success(files)
    }

    /// The experiment files of `paths`, at least one; otherwise the problem is printed and the
    /// command ends with exit 2.
    static func required(_ paths: [String], in world: World) throws -> [String] {
        switch expand(paths, in: world) {
        case .success(let files) where !files.isEmpty:
            return files
        case .success:
            world.printError("error: no experiment files in \(paths.joined(separator: " "))")
        case .failure(let missing):
            world.printError("error: \(missing)")
        }
        throw ExitStatus.exit(ExitStatus.invalid)
    }
}
