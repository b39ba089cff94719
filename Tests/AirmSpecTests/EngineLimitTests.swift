import Testing
@testable import AirmSpec

/// Values that load but that no run could carry out are located errors at load: a rate whose
/// gap between calls would not fit a time of the engine, a count threshold past `Int64`.
@Suite struct EngineLimitTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var yaml: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let tooSlow = "0.000000001/h"

    static let cases: [Case] = [
        Case(yaml: Support.minimal.replacingOccurrences(of: "rate: 10/s", with: "rate: \(tooSlow)"),
             line: 10, column: 11, message: "`\(tooSlow)` is too low"),
        Case(yaml: Support.minimal.replacingOccurrences(of: "    type: gemini",
                                                        with: "    type: gemini\n    simulate: { rate_limit: \(tooSlow) }"),
             line: 6, column: 29, message: "`\(tooSlow)` is too low"),
        Case(yaml: Support.minimal + "\n  - { name: quota, target: cohere, type: rate_limit, limit: \(tooSlow), at: 5s, for: 5s }",
             line: 17, column: 61, message: "`\(tooSlow)` is too low"),
        Case(yaml: Support.minimal + "\nassertions:\n  - expect: requests < 9223372036854775807",
             line: 18, column: 13, message: "`9223372036854775807` is too large for a count"),
    ]

    @Test(arguments: cases)
    func unworkableValueIsALocatedError(_ item: Case) throws {
        let errors = Support.errors(Support.load(item.yaml))
        let match = try #require(errors.first { $0.message.contains(item.message) }, "\(errors)")
        #expect(match.location?.line == item.line, "\(match)")
        #expect(match.location?.column == item.column, "\(match)")
    }

    @Test func slowestAndLargestWorkableValuesLoad() {
        let slowest = Support.minimal.replacingOccurrences(of: "rate: 10/s", with: "rate: 0.0001/h")
            + "\nassertions:\n  - expect: requests < 1000000000000000"
        #expect(Support.errors(Support.load(slowest)).isEmpty)
        #expect(UnitParser.rate("0/s") == .success(Rate(perSecond: 0, per: .seconds(1))))
    }
}
