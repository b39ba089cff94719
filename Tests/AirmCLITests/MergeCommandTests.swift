import Foundation
import Testing

/// `airm merge` over the results of `airm run --traffic-shard` and `--shard`.
@Suite struct MergeCommandTests {
    let examples = CLIHarness.repositoryRoot + "/experiments"

    @Test func trafficShardsMergeIntoOneResult() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = examples + "/gemini-outage.yaml"
        var requests = 0
        for shard in 1...3 {
            let run = await CLIHarness.run(["run", "--no-history", "--quiet", "--traffic-shard", "\(shard)/3",
                                            "--out", "shard-\(shard)", file], in: work)
            #expect(run.exitCode <= 1, "\(run.stderr)")
            requests += try Self.requests(work + "/shard-\(shard)/gemini-outage.json")
        }
        let merge = await CLIHarness.run(["merge", "shard-1/gemini-outage.json", "shard-2/gemini-outage.json",
                                          "shard-3/gemini-outage.json", "--out", "merged"], in: work)
        #expect(merge.exitCode <= 1, "\(merge.stderr)")
        #expect(merge.stdout.contains("wrote merged/junit.xml"))
        #expect(merge.stdout.contains("gemini-outage (3 traffic shards)"))
        #expect(try Self.requests(work + "/merged/gemini-outage.json") == requests)
        let report = await CLIHarness.run(["report", work + "/merged/gemini-outage.json", "--html", "report.html"], in: work)
        #expect(report.exitCode == 0, "\(report.stderr)")
    }

    @Test func aSuiteSplitWithShardMergesIntoOneJUnitAndIndex() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        for shard in 1...2 {
            _ = await CLIHarness.run(["run", "--no-history", "--quiet", "--shard", "\(shard)/2", "--out", "job-\(shard)",
                                      examples + "/latency-spike.yaml", examples + "/rate-limit-storm.yaml"], in: work)
        }
        let merge = await CLIHarness.run(["merge", "job-1/latency-spike.json", "job-2/rate-limit-storm.json",
                                          "--out", "merged"], in: work)
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        let junit = try String(contentsOfFile: work + "/merged/junit.xml", encoding: .utf8)
        #expect(junit.contains("name=\"latency-spike\"") && junit.contains("name=\"rate-limit-storm\""))
        let index = try String(contentsOfFile: work + "/merged/index.html", encoding: .utf8)
        #expect(index.contains("latency-spike.html") && index.contains("rate-limit-storm.html"))
    }

    @Test func unreadableAndUnmergeableInputsAreExitTwoWithTheirFiles() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = await CLIHarness.run(["run", "--no-history", "--quiet", "--traffic-shard", "1/2", "--out", "a",
                                  examples + "/latency-spike.yaml"], in: work)
        let missing = await CLIHarness.run(["merge", "a/latency-spike.json", "a/junit.xml", "--out", "merged"], in: work)
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("a/junit.xml: error: this is a JUnit report"))
        #expect(missing.stderr.contains("a/latency-spike.json: error: traffic shard 2/2 of 'latency-spike' is missing"))
        #expect(!FileManager.default.fileExists(atPath: work + "/merged"))
        let usage = await CLIHarness.run(["merge", "--out", "merged"], in: work)
        #expect(usage.exitCode == 2)
    }

    static func requests(_ path: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return (object?["summary"] as? [String: Any])?["requests"] as? Int ?? -1
    }
}
