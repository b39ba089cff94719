import AirmEngine
import Foundation
import Testing
@testable import AirmSpec

@Suite struct ExampleFilesTests {
    @Test func examplesExist() {
        let names = Support.exampleFiles.map { URL(fileURLWithPath: $0).lastPathComponent }
        for expected in ["gemini-outage.yaml", "latency-spike.yaml", "rate-limit-storm.yaml", "intermittent-flapping.yaml",
                         "corrupt-responses.yaml", "huggingface-cold-start.yaml", "gemini-slow-recovery.yaml"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
    }

    @Test(arguments: Support.exampleFiles)
    func exampleLoadsCleanly(path: String) {
        let result = ExperimentLoader.load(contentsOf: path, environment: [:])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(result.experiment != nil)
        if let experiment = result.experiment {
            #expect(experiment.duration <= .seconds(600))
            #expect(experiment.source.isEmpty == false)
        }
    }
}
