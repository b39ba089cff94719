import AirmSpec

/// Default assertion names, generated from the check, and their de-duplication.
enum AssertionNames {
    /// "gemini opens within 5s after gemini-outage.start", "success_rate >= 99% during gemini-outage".
    static func defaultName(of assertion: Assertion) -> String {
        let base: String
        switch assertion.check {
        case .breaker(let provider, let check): base = BreakerRules.name(of: check, provider: provider)
        case .expect(let expectation): base = expectation.text
        }
        return assertion.window == .run ? base : "\(base) \(assertion.window)"
    }

    /// The results with repeated names suffixed " (2)", " (3)", … in order, so names are unique.
    static func unique(_ results: [RunResult.AssertionResult]) -> [RunResult.AssertionResult] {
        var taken = Set(results.map(\.name))
        var seen: Set<String> = []
        var repeats: [String: Int] = [:]
        return results.map { result in
            var result = result
            guard seen.contains(result.name) else {
                seen.insert(result.name)
                return result
            }
            var n = repeats[result.name, default: 1]
            var candidate: String
            repeat {
                n += 1
                candidate = "\(result.name) (\(n))"
            } while taken.contains(candidate)
            repeats[result.name] = n
            taken.insert(candidate)
            result.name = candidate
            return result
        }
    }
}
