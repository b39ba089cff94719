import AirmEngine
import AirmSpec
import Testing

/// The closed state's rules: consecutive failures, failure rate, slow calls, windows.
@Suite struct CircuitBreakerClosedTests {
    typealias S = BreakerScript

    @Test func opensAfterConsecutiveFailures() {
        var script = S(BreakerPolicy(consecutiveFailures: 5))
        for t in 1...4 { script.call(at: Double(t), S.fail) }
        script.call(at: 4.5, S.ok)  // resets the run
        for t in 5...8 { script.call(at: Double(t), S.fail) }
        #expect(script.transitions.isEmpty)
        script.call(at: 9, S.fail)
        #expect(script.log == ["9.0 closed->open 5 consecutive failures"])
        #expect(script.breaker.nextTimer == .seconds(39))
    }

    @Test func zeroTurnsTheConsecutiveRuleOff() {
        var script = S(BreakerPolicy(consecutiveFailures: 0))
        for t in 0..<100 { script.call(at: Double(t), S.fail) }
        #expect(script.transitions.isEmpty)
    }

    @Test func rateRuleDecidesExactlyAtMinimumCalls() {
        var script = S(BreakerPolicy(consecutiveFailures: 0, failureRate: Ratio(fraction: 0.5), window: .calls(20), minimumCalls: 10))
        // 9 calls, 5 failed: over 50% but below minimum_calls.
        let results: [AttemptResult] = [S.fail, S.ok, S.fail, S.ok, S.fail, S.ok, S.fail, S.ok, S.fail]
        for (i, result) in results.enumerated() { script.call(at: Double(i + 1), result) }
        #expect(script.transitions.isEmpty)
        script.call(at: 10, S.ok)  // 5 of 10 = 50%
        #expect(script.log == ["10.0 closed->open failure rate 50% ≥ 50% over 10 calls"])
    }

    @Test func countWindowForgetsOldestCalls() {
        var script = S(BreakerPolicy(consecutiveFailures: 0, failureRate: Ratio(fraction: 0.75), window: .calls(4), minimumCalls: 4))
        let results: [AttemptResult] = [S.fail, S.fail, S.ok, S.ok, S.ok, S.fail, S.fail]
        for (i, result) in results.enumerated() { script.call(at: Double(i), result) }
        #expect(script.transitions.isEmpty)  // window now [ok, ok, fail, fail]
        script.call(at: 7, S.fail)  // [ok, fail, fail, fail]
        #expect(script.log == ["7.0 closed->open failure rate 75% ≥ 75% over 4 calls"])
    }

    @Test func timeWindowExpiresOldCalls() {
        var script = S(BreakerPolicy(consecutiveFailures: 0, failureRate: Ratio(fraction: 1), window: .time(.seconds(10)), minimumCalls: 3))
        script.call(at: 0, S.fail)
        script.call(at: 5, S.fail)
        script.call(at: 10, S.fail)  // the call at 0 s has left (now − 10 s, now]
        #expect(script.transitions.isEmpty)
        script.call(at: 12, S.fail)
        #expect(script.log == ["12.0 closed->open failure rate 100% ≥ 100% over 3 calls"])
    }

    @Test func slowCallsTripTheBreaker() {
        let rule = BreakerPolicy.SlowCall(over: .seconds(1), rate: Ratio(fraction: 0.8))
        var script = S(BreakerPolicy(consecutiveFailures: 0, window: .calls(5), minimumCalls: 5, slowCall: rule))
        for t in 0..<4 { script.call(at: Double(t), S.slow) }
        #expect(script.transitions.isEmpty)
        script.call(at: 4, S.ok)
        #expect(script.log == ["4.0 closed->open slow call rate 80% ≥ 80% over 5 calls"])
    }

    @Test func ignoredKindsNeitherCountNorReset() {
        var policy = BreakerPolicy(consecutiveFailures: 3)
        policy.failures = [.unavailable]
        var script = S(policy)
        script.call(at: 1, S.fail)
        script.call(at: 2, .failure(.badRequest))
        script.call(at: 3, .failure(.timeout))
        script.call(at: 4, S.fail)
        #expect(script.transitions.isEmpty)
        script.call(at: 5, S.fail)
        #expect(script.log == ["5.0 closed->open 3 consecutive failures"])
    }

    @Test func enteringClosedStartsAFreshWindow() {
        var script = S(BreakerPolicy(consecutiveFailures: 2, openFor: .seconds(10), halfOpen: .init(probes: 1, closeAfter: 1)))
        script.call(at: 0, S.fail)
        script.call(at: 1, S.fail)  // open until 11
        script.call(at: 11, S.ok)   // half_open at 11, probe closes it
        script.call(at: 12, S.fail) // one failure in the fresh window
        #expect(script.breaker.state == .closed)
        script.call(at: 13, S.fail)
        #expect(script.log == [
            "1.0 closed->open 2 consecutive failures",
            "11.0 open->half_open open_for 10s elapsed",
            "11.0 half_open->closed 1 of 1 probes succeeded",
            "13.0 closed->open 2 consecutive failures",
        ])
    }

    @Test func rejectionsCarryTheRemainingOpenTime() {
        var script = S(BreakerPolicy(consecutiveFailures: 1, openFor: .seconds(30)))
        script.call(at: 0, S.fail)
        do { let value = script.permit(at: 12); #expect(value == .rejected(remaining: .seconds(18))) }
        do { let value = script.permit(at: 29.999); #expect(value == .rejected(remaining: .milliseconds(1))) }
    }

    @Test func percentagesPrintWithOneDecimal() {
        var script = S(BreakerPolicy(consecutiveFailures: 0, failureRate: Ratio(fraction: 0.6), window: .calls(3), minimumCalls: 3))
        script.call(at: 0, S.fail)
        script.call(at: 1, S.ok)
        script.call(at: 2, S.fail)
        #expect(script.log == ["2.0 closed->open failure rate 66.7% ≥ 60% over 3 calls"])
    }
}
