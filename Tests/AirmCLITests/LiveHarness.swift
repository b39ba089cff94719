import AirmHTTP
import AirmSpec
import Foundation

/// Runs `airm fake-providers`' server in-process on an ephemeral 127.0.0.1 port for the length
/// of `body`. Readiness comes from the server's `onReady`, never from sleeping.
func withLiveFake<T: Sendable>(_ behavior: any FakeBehavior = FixedLatencyBehavior(),
                               _ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
    let server = FakeProviderServer(behavior: behavior)
    let (ports, readiness) = AsyncStream.makeStream(of: Int.self)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { readiness.finish() }
            try await server.run { port in readiness.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.waitForAll()
            throw LiveHarnessError.serverDidNotStart
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port))
        } catch {
            result = .failure(error)
        }
        group.cancelAll()
        try await group.waitForAll()
        return try result.get()
    }
}

enum LiveHarnessError: Error { case serverDidNotStart }

/// A short live experiment against the fake at `port`: one Gemini provider whose key comes
/// from `${CANARY}`.
func liveExperiment(port: Int, duration: String = "2s", rate: String = "10/s") -> String {
    """
    version: 1
    name: live-canary
    seed: 5
    duration: \(duration)
    mode: live
    providers:
      gemini:
        type: gemini
        endpoint: http://127.0.0.1:\(port)
        api_key: ${CANARY}
    policy:
      timeout: 2s
      breaker: { consecutive_failures: 5, open_for: 1s }
    traffic:
      - name: chat
        rate: \(rate)
    assertions:
      - expect: success_rate >= 99%
      - breaker: gemini
        never: open
    """
}

/// Every file under `directory`, recursively.
func allFiles(under directory: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: directory)
    var files: [String] = []
    while let item = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = directory + "/" + item
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(path)
        }
    }
    return files
}
