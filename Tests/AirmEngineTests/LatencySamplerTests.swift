import AirmEngine
import AirmSpec
import Foundation
import Testing

@Suite struct LatencySamplerTests {
    private func draws(_ distribution: LatencyDistribution, count: Int = 50_000) -> [Double] {
        var generator = SeededGenerator(seed: 9, stream: "provider:test")
        let sampler = LatencySampler(distribution)
        return (0..<count).map { _ in sampler.sample(using: &generator).seconds }.sorted()
    }

    @Test func fixedIsAlwaysTheValue() {
        #expect(Set(draws(.fixed(.milliseconds(250)), count: 100)) == [0.25])
    }

    @Test func uniformStaysInItsRange() {
        let values = draws(.uniform(.milliseconds(100), .milliseconds(300)))
        #expect(values.first! >= 0.1 && values.last! <= 0.3)
        #expect(abs(values.reduce(0, +) / Double(values.count) - 0.2) < 0.002)
    }

    @Test func exponentialHasItsMean() {
        let values = draws(.exponential(mean: .milliseconds(400)))
        #expect(abs(values.reduce(0, +) / Double(values.count) - 0.4) < 0.01)
    }

    @Test func lognormalHitsMedianAndP99() {
        let values = draws(.lognormal(median: .milliseconds(450), p99: .seconds(2)))
        let median = values[values.count / 2]
        let p99 = values[Int(Double(values.count) * 0.99)]
        #expect(abs(median - 0.45) < 0.01)
        #expect(abs(p99 - 2.0) < 0.1)
    }

    @Test func lognormalParametersFollowTheFit() {
        let sampler = LatencySampler(.lognormal(median: .milliseconds(400), p99: .seconds(2)))
        #expect(sampler.median == .milliseconds(400))
    }

    @Test func thinkTimes() {
        var generator = SeededGenerator(seed: 1, stream: "traffic:batch")
        #expect(TrafficStream.Think.fixed(.seconds(1)).sample(using: &generator) == .seconds(1))
        var sum = 0.0
        for _ in 0..<20_000 { sum += TrafficStream.Think.exponential(mean: .seconds(2)).sample(using: &generator).seconds }
        #expect(abs(sum / 20_000 - 2) < 0.05)
    }
}
