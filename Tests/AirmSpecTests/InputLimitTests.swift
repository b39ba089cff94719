#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import AirmSpec

/// What the loader refuses before parsing, and names that cannot name report files.
@Suite(.timeLimit(.minutes(1))) struct InputLimitTests {
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "airm-input-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func refusal(_ path: String) -> Diagnostic? {
        if case .refused(let diagnostic) = ExperimentSource.read(path, shownAs: path) { return diagnostic }
        return nil
    }

    @Test func devicesAndSymlinksToThemAreRefused() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createSymbolicLink(atPath: "\(work)/zero.yaml", withDestinationPath: "/dev/zero")
        for path in ["/dev/zero", "/dev/urandom", "\(work)/zero.yaml"] {
            let diagnostic = try #require(Self.refusal(path), "\(path)")
            #expect(diagnostic.message == "not a regular file")
            #expect(diagnostic.location?.file == path)
        }
        #expect(ExperimentLoader.load(contentsOf: "\(work)/zero.yaml", environment: [:]).hasErrors)
    }

    @Test func aFIFOWithNoWriterIsRefusedWithoutWaiting() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try #require(mkfifo("\(work)/pipe.yaml", 0o600) == 0)
        #expect(Self.refusal("\(work)/pipe.yaml")?.message == "not a regular file")
    }

    @Test func filesOverFourMegabytesAreRefused() throws {
        let work = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let big = "\(work)/big.yaml"
        try Data(("name: big\n# " + String(repeating: "x", count: ExperimentSource.maximumBytes)).utf8).write(to: URL(fileURLWithPath: big))
        let diagnostic = try #require(Self.refusal(big))
        #expect(diagnostic.message == "file is larger than 4 MB")
        let small = "\(work)/small.yaml"
        try Data(Support.minimal.utf8).write(to: URL(fileURLWithPath: small))
        guard case .text(let text) = ExperimentSource.read(small, shownAs: "small.yaml") else {
            Issue.record("a small regular file was refused")
            return
        }
        #expect(text == Support.minimal)
    }

    @Test(arguments: [String(repeating: "a", count: 251), String(repeating: "a", count: 201), ".hidden"])
    func namesThatCannotNameReportFilesAreLocatedErrors(_ name: String) throws {
        let result = Support.load(Support.minimal.replacingOccurrences(of: "name: minimal", with: "name: \(name)"))
        let error = try #require(Support.errors(result).first)
        #expect(error.location?.line == 1 && error.location?.column == 7, "\(error)")
        #expect(error.message.contains("experiment name"), "\(error)")
    }

    @Test func aNameOf200BytesLoads() {
        let result = Support.load(Support.minimal.replacingOccurrences(of: "name: minimal", with: "name: \(String(repeating: "a", count: 200))"))
        #expect(Support.errors(result).isEmpty)
    }

    @Test func aQuotedKeyCannotForgeADiagnosticLine() throws {
        let result = Support.load(Support.minimal + "\n\"x\\nfake.yaml:1:1: error: forged\\u001B[2J\": 1")
        let diagnostic = try #require(result.diagnostics.first { $0.message.contains("x") })
        #expect(!diagnostic.description.contains("\n"), "\(diagnostic.description)")
        #expect(!diagnostic.description.contains("\u{1B}"), "\(diagnostic.description)")
        #expect(diagnostic.description.contains(#"x\nfake.yaml"#), "\(diagnostic.description)")
    }
}

/// YAML aliases that multiply are refused before the YAML is read, at the alias that goes over.
@Suite(.timeLimit(.minutes(1))) struct AliasBudgetTests {
    /// `levels` anchors, each a list of ten aliases of the one before; the last used as a key.
    static func bomb(levels: Int, asKey: Bool = true) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append(asKey ? "? *a\(levels)\n: 1" : "z: *a\(levels)")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [true, false])
    func anAliasBombFailsFastAtTheAlias(asKey: Bool) throws {
        let start = ContinuousClock.now
        let result = Support.load(Self.bomb(levels: 8, asKey: asKey))
        #expect(ContinuousClock.now - start < .seconds(2))
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.message.contains("aliases"))
        #expect(diagnostic.location?.line == 4)
    }

    @Test func ordinaryAnchorsStayWellWithinTheBudget() {
        let text = "a: &d {timeout: 1s, retry: {max_attempts: 2}}\nb:\n  <<: *d\nc: [*d, *d, *d]\n"
        #expect(AliasBudget.overrun(in: text) == nil)
        #expect(AliasBudget.overrun(in: Self.bomb(levels: 2)) == nil)
        #expect(AliasBudget.overrun(in: "name: 'not *an alias' # nor *this\n") == nil)
    }
}

/// Thousands of faults chained by `at: <previous>.end`, in either order, load in linear time.
@Suite(.timeLimit(.minutes(1))) struct LongChainTests {
    static func chain(_ count: Int, reversed: Bool) -> String {
        var lines = ["name: chain", "duration: 1m", "providers:", "  a: {type: simulated}", "traffic:", "  - rate: 1/s", "faults:"]
        for index in 0..<count {
            let previous = reversed ? index + 1 : index - 1
            let at = (reversed ? index == count - 1 : index == 0) ? "1s" : "f\(previous).end"
            lines.append("  - {name: f\(index), type: timeout, target: a, at: \(at), for: 1ms}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [false, true])
    func aChainOfFiveThousandFaultsLoadsQuickly(reversed: Bool) throws {
        let start = ContinuousClock.now
        let result = Support.load(Self.chain(5_000, reversed: reversed))
        // Before: 9.7 s in order and over 120 s reversed (debug build).
        #expect(ContinuousClock.now - start < .seconds(8))
        #expect(!result.hasErrors, "\(result.diagnostics.prefix(3))")
        let experiment = try #require(result.experiment)
        #expect(Timeline(experiment).faults.count == 5_000)
    }

    @Test func aCycleAtTheEndOfALongChainIsReportedOnce() {
        let text = Self.chain(2_000, reversed: false).replacingOccurrences(of: "at: 1s", with: "at: f1999.end")
        let result = Support.load(text)
        let cycles = result.diagnostics.filter { $0.message.hasPrefix("the time of fault `f0` depends on itself") }
        #expect(cycles.count == 1)
        #expect(cycles.first?.location?.line == 8)
    }
}
