import AirmSpec
import Foundation

/// Reads experiment files through the world, keeping paths as the user typed them in diagnostics.
enum ExperimentReader {
    static func load(_ path: String, in world: World) -> LoadResult {
        let source: String
        switch ExperimentSource.read(world.resolve(path), shownAs: path) {
        case .text(let text): source = text
        case .refused(let diagnostic): return LoadResult(experiment: nil, diagnostics: [diagnostic])
        }
        return ExperimentLoader.load(source: source, file: path, environment: world.environment)
    }
}
