import AirmEngine
import AirmSpec

extension ExperimentLoader {
    /// Loads the experiment file at `path` through the world: relative to its working directory,
    /// with its environment and every fault type of the engine, keeping the path as the user
    /// typed it in diagnostics.
    ///
    /// `-` is standard input, shown as `<stdin>`.
    static func load(_ path: String, in world: World, overrides: Overrides = Overrides()) -> LoadResult {
        guard path == ExperimentFiles.standardInput else {
            return load(contentsOf: world.resolve(path), shownAs: path, environment: world.environment, faultTypes: FaultTypes.all,
                        overrides: overrides)
        }
        switch world.standardInput(ExperimentFiles.standardInputName) {
        case .text(let source):
            return load(source: source, file: ExperimentFiles.standardInputName, environment: world.environment,
                        faultTypes: FaultTypes.all, overrides: overrides)
        case .refused(let diagnostic):
            return LoadResult(experiment: nil, diagnostics: [diagnostic])
        }
    }
}
