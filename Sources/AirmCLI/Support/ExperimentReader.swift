import AirmEngine
import AirmSpec
import Foundation

/// Reads experiment files through the world, keeping paths as the user typed them in diagnostics.
enum ExperimentReader {
    static func load(_ path: String, in world: World) -> LoadResult {
        let location = SourceLocation(file: path, line: 1, column: 1)
        guard let handle = FileHandle(forReadingAtPath: world.resolve(path)) else {
            return LoadResult(experiment: nil, diagnostics: [.error("cannot read file", at: location)])
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return LoadResult(experiment: nil, diagnostics: [.error("cannot read file: \(error.localizedDescription)", at: location)])
        }
        guard let source = String(data: data, encoding: .utf8) else {
            return LoadResult(experiment: nil, diagnostics: [.error("file is not UTF-8 text", at: location)])
        }
        return ExperimentLoader.load(source: source, file: path, environment: world.environment, faultTypes: FaultTypes.all)
    }
}
