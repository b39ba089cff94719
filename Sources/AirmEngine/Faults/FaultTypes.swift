import AirmSpec

/// Every fault type, in the order the docs list them: the one list the loader, the JSON Schema
/// and the fake server take their vocabulary from (docs/experiment-format.md "faults").
public enum FaultTypes {
    public static let all = FaultVocabulary([
        LatencyFault.self,
        ErrorFault.self,
        TimeoutFault.self,
        UnavailableFault.self,
        IntermittentFault.self,
        RateLimitFault.self,
        CorruptFault.self,
        StreamCutFault.self,
        StallFault.self,
        ResetFault.self,
    ])
}

extension ExperimentLoader {
    /// Loads experiment text with every fault type of this engine (`FaultTypes.all`).
    public static func load(source: String, file: String, environment: [String: String]) -> LoadResult {
        load(source: source, file: file, environment: environment, faultTypes: FaultTypes.all)
    }

    /// Loads the file at `path` with every fault type of this engine (`FaultTypes.all`).
    public static func load(contentsOf path: String, environment: [String: String]) -> LoadResult {
        load(contentsOf: path, environment: environment, faultTypes: FaultTypes.all)
    }
}
