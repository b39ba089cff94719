import AirmSpec

extension ExperimentLoader {
    /// Loads the experiment file at `path` through the world: relative to its working directory,
    /// with its environment, keeping the path as the user typed it in diagnostics.
    static func load(_ path: String, in world: World) -> LoadResult {
        load(contentsOf: world.resolve(path), shownAs: path, environment: world.environment)
    }
}

/// The former CLI-side reader, kept only until `RunPipeline` calls `ExperimentLoader.load(_:in:)`;
/// remove it then, so that `ExperimentReader` names only the loader's section reader in AirmSpec.
@available(*, deprecated, renamed: "ExperimentLoader.load(_:in:)")
enum ExperimentReader {
    static func load(_ path: String, in world: World) -> LoadResult {
        ExperimentLoader.load(path, in: world)
    }
}
