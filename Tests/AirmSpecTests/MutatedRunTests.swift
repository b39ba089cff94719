import AirmEngine
import Testing
@testable import AirmSpec

/// Mutated example files that validate are also run, in simulation: whatever the loader
/// accepts, the engine must run to a result without trapping (docs/architecture.md "Fuzzing").
@Suite struct MutatedRunTests {
    /// Short runs keep the whole test within seconds: each run is cut to at most this long…
    static let longest = TimeSpan.seconds(1)
    /// …and one that would still send more requests than this is left out, and counted.
    static let mostRequests = 3_000.0

    /// 8 shards of 560 mutations each, run in parallel; each shard has its own seed.
    @Test(arguments: 0..<8)
    func mutatedExperimentsThatValidateRun(shard: Int) {
        var rng = SeededGenerator(seed: 0x5EED_0000 &+ UInt64(shard))
        var ran = 0, large = 0
        for iteration in 0..<560 {
            let mutated = ValueMutator.mutate(lines: FuzzTests.sources[iteration % FuzzTests.sources.count], using: &rng)
            let result = ExperimentLoader.load(source: mutated, file: "mutated.yaml", environment: ["A": "1"])
            guard var experiment = result.experiment, !result.hasErrors else { continue }
            experiment.duration = min(experiment.duration, Self.longest)
            experiment.mode = .simulated
            let plan = Plan(experiment)
            guard plan.expectedRequests.count <= Self.mostRequests else { large += 1; continue }
            let run = Simulation.run(plan, startedAt: "2026-01-01T00:00:00Z")
            #expect(run.experiment.name == experiment.name)
            ran += 1
        }
        // 8 × 250: at least 2,000 mutated experiments run in all.
        #expect(ran >= 250, "\(ran) runs, \(large) left out as too large")
    }
}
