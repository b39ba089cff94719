import AirmEngine
import AirmSpec

extension ExperimentLoader {
    /// Loads the experiment file at `path` through the world: relative to its working directory,
    /// with its environment and every fault type of the engine, keeping the path as the user
    /// typed it in diagnostics.
    static func load(_ path: String, in world: World, overrides: Overrides = Overrides()) -> LoadResult {
        load(contentsOf: world.resolve(path), shownAs: path, environment: world.environment, faultTypes: FaultTypes.all,
             overrides: overrides)
    }
}
