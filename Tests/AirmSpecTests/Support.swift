import AirmEngine
import Foundation
@testable import AirmSpec

/// Shared helpers for the loader tests.
enum Support {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `*.yaml` under `experiments/`, failing ones included, sorted.
    static var exampleFiles: [String] {
        let base = root.appendingPathComponent("experiments")
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted().map { base.appendingPathComponent($0).path }
    }

    static func load(_ text: String, environment: [String: String] = [:]) -> LoadResult {
        ExperimentLoader.load(source: text, file: "test.yaml", environment: environment)
    }

    static func errors(_ result: LoadResult) -> [Diagnostic] { result.diagnostics.filter { $0.severity == .error } }

    /// A small valid experiment; tests append or replace lines to break it.
    static let minimal = """
    name: minimal
    duration: 1m
    providers:
      gemini:
        type: gemini
      cohere:
        type: cohere
    traffic:
      - name: chat
        rate: 10/s
    faults:
      - name: outage
        target: gemini
        type: unavailable
        at: 10s
        for: 20s
    """
}

// MARK: - Comparing without source locations

/// `TimeReference` equality includes its location; these drop it so tests can compare by value.
extension TimeReference {
    var bare: TimeReference { TimeReference(anchor: anchor, offset: offset) }
}

extension Window {
    var bare: Window {
        if case .range(let from, let to) = self { return .range(from: from.bare, to: to.bare) }
        return self
    }
}

extension BreakerCheck {
    var bare: BreakerCheck {
        if case .transition(let state, let after, let within) = self { return .transition(to: state, after: after?.bare, within: within) }
        return self
    }
}

extension Assertion.Check {
    var bare: Assertion.Check {
        if case .breaker(let provider, let check) = self { return .breaker(provider: provider, check.bare) }
        return self
    }
}

extension TrafficStream.Shape {
    var bare: TrafficStream.Shape {
        if case .burst(let count, let at, let over) = self { return .burst(count: count, at: at.bare, over: over) }
        return self
    }
}

extension Fault.End {
    var bare: Fault.End {
        if case .until(let reference) = self { return .until(reference.bare) }
        return self
    }
}
