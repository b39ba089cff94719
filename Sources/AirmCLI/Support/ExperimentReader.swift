import AirmSpec
import Foundation

/// Reads experiment files through the world, keeping paths as the user typed them in diagnostics.
enum ExperimentReader {
    static func load(_ path: String, in world: World) -> LoadResult {
        guard let data = FileManager.default.contents(atPath: world.resolve(path)) else {
            let location = SourceLocation(file: path, line: 1, column: 1)
            return LoadResult(experiment: nil, diagnostics: [.error("cannot read file", at: location)])
        }
        guard let source = String(data: data, encoding: .utf8) else {
            let location = SourceLocation(file: path, line: 1, column: 1)
            return LoadResult(experiment: nil, diagnostics: [.error("file is not UTF-8 text", at: location)])
        }
        return ExperimentLoader.load(source: source, file: path, environment: world.environment)
    }
}
