import AirmSpec
import Testing
@testable import AirmServe

/// The per-client rate limit in virtual time.
@Suite struct TokenBucketsTests {
    @Test func aClientGetsOnePeriodsBurstThenTheRate() {
        var buckets = TokenBuckets(rate: Rate(perSecond: 2))
        #expect(buckets.take("a", at: .zero) == nil)
        #expect(buckets.take("a", at: .zero) == nil)
        #expect(buckets.take("a", at: .zero) == .seconds(0.5))
        #expect(buckets.take("b", at: .zero) == nil)  // per client
        #expect(buckets.take("a", at: .seconds(0.25)) == .seconds(0.25))
        #expect(buckets.take("a", at: .seconds(0.5)) == nil)
        #expect(buckets.take("a", at: .seconds(0.5)) == .seconds(0.5))
    }

    @Test func slowRatesAllowOneCallAtATime() {
        var buckets = TokenBuckets(rate: Rate(count: 1, per: .seconds(60)))
        #expect(buckets.take("a", at: .zero) == nil)
        #expect(buckets.take("a", at: .seconds(30)) == .seconds(30))
        #expect(buckets.take("a", at: .seconds(60)) == nil)
    }

    @Test func memoryIsBoundedByForgettingRefilledClients() {
        var buckets = TokenBuckets(rate: Rate(perSecond: 1), maxClients: 3)
        for client in ["a", "b", "c"] { #expect(buckets.take(client, at: .zero) == nil) }
        #expect(buckets.take("d", at: .seconds(0.5)) == nil)
        #expect(buckets.count == 3)
        // Once refilled, everyone is forgotten but the newcomer.
        #expect(buckets.take("e", at: .seconds(5)) == nil)
        #expect(buckets.count <= 3)
    }
}
