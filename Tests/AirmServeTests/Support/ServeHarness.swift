import AirmEngine
import AirmServe
import AirmSpec
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Gateways and servers for tests: simulated providers that answer in a millisecond or two.
enum ServeHarness {
    /// Two simulated providers routed `primary` → `backup`, a breaker that opens after two
    /// failures for `openFor`, and a static fallback.
    static func config(openFor: String = "300ms", extra: String = "") -> String {
        """
        providers:
          primary: { type: simulated, simulate: { latency: 1ms } }
          backup: { type: simulated, simulate: { latency: 2ms } }
        policy:
          route: [primary, backup]
          timeout: 500ms
          retry: { max_attempts: 1 }
          breaker: { consecutive_failures: 2, open_for: \(openFor), half_open: { probes: 1, close_after: 1 } }
          fallback: { response: "later" }
        \(extra)
        """
    }

    static func experiment(_ source: String = config()) throws -> Experiment {
        let loaded = ExperimentLoader.load(source: source, file: "serve.yaml", environment: [:], faultTypes: FaultTypes.all,
                                           purpose: .gateway)
        return try #require(loaded.experiment, "\(loaded.diagnostics)")
    }

    static func gateway(_ source: String = config(), observers: [any ServeObserver] = []) throws -> Gateway {
        Gateway(Plan(try experiment(source)), transports: [], observers: observers)
    }

    static var quiet: Logger {
        var logger = Logger(label: "airm.serve.test")
        logger.logLevel = .critical
        return logger
    }

    static func server(_ gateway: Gateway, options: ServeOptions = ServeOptions(port: 0)) -> ServeServer {
        ServeServer(services: ServeServices(gateway: gateway, options: options, logger: quiet))
    }

    static func application(_ gateway: Gateway, options: ServeOptions = ServeOptions(port: 0)) -> some ApplicationProtocol {
        server(gateway, options: options).makeApplication()
    }

    // MARK: - Bodies

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// The body as a JSON object; an empty one, and an issue, when it is not one.
    static func object(_ response: TestResponse, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] else {
            Issue.record("not a JSON object: \(String(buffer: response.body))", sourceLocation: sourceLocation)
            return [:]
        }
        return value
    }

    static func errorCode(_ response: TestResponse) -> String? {
        (object(response)["error"] as? [String: Any])?["code"] as? String
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self.init(buffer.readableBytesView)
    }
}
