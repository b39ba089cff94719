import AirmEngine
import Testing
@testable import AirmSpec

/// `mode: app` and its `app:` section (docs/experiment-format.md "`app`").
@Suite struct AppModeLoaderTests {
    static let file = """
    name: app-test
    mode: app
    duration: 1m
    app:
      command: python app.py --port 8000
      env: { PRIMARY_URL: "${providers.openai.url}/v1", KEY: "${KEY:-fake}" }
      ready: { get: http://127.0.0.1:8000/health, within: 5s }
      request:
        post: http://127.0.0.1:8000/chat
        json: { prompt: "Summarise", max_tokens: 16, stream: false, tags: [a, 1] }
        headers: { x-test: "yes" }
        timeout: 2s
        ok_when: { status: [2xx, 404] }
      breakers:
        prometheus: { url: http://127.0.0.1:8000/metrics, metric: breaker_state, names: { primary: openai }, every: 100ms }
    providers:
      openai: { type: openai }
      cohere: { type: cohere }
    traffic: [ { name: users, rate: 5/s } ]
    faults:
      - { name: down, target: openai, type: unavailable, at: 10s, for: 20s }
    assertions:
      - expect: app.success_rate >= 99%
        during: down
      - breaker: openai
        opens: { after: down.start, within: 5s }
    """

    @Test func readsEveryKeyOfTheAppSection() throws {
        let result = Support.load(Self.file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let experiment = try #require(result.experiment)
        let app = try #require(experiment.app)
        #expect(experiment.mode == .app)
        #expect(app.command == "python app.py --port 8000")
        #expect(app.env == [.init(name: "PRIMARY_URL", value: "${providers.openai.url}/v1"), .init(name: "KEY", value: "fake")])
        #expect(app.ready == .init(url: "http://127.0.0.1:8000/health", within: .seconds(5)))
        #expect(app.request.method == .post)
        #expect(app.request.json == #"{"prompt":"Summarise","max_tokens":16,"stream":false,"tags":["a",1]}"#)
        #expect(app.request.headers == [.init(name: "x-test", value: "yes")])
        #expect(app.request.timeout == .seconds(2))
        #expect(app.request.isOK(204) && app.request.isOK(404) && !app.request.isOK(500))
        let breakers = try #require(app.breakers)
        #expect(breakers.every == .milliseconds(100))
        #expect(breakers.names == ["primary": "openai"])
        #expect(breakers.source == .prometheus(metric: "breaker_state", nameLabel: "name", stateLabel: nil, values: BreakerReading.defaultValues))
        // No policy of airm's: one pass-through attempt, no retry, a breaker that never opens.
        #expect(experiment.policy.route == ["openai"])
        #expect(experiment.policy.defaults.retry.maxAttempts == 1)
        #expect(experiment.policy.defaults.breaker.consecutiveFailures == 0)
        #expect(experiment.policy.defaults.timeout == .seconds(2))
        #expect(AppUnderTest.fillProviderURLs(app.env[0].value, urls: ["openai": "http://127.0.0.1:9001"]) == "http://127.0.0.1:9001/v1")
    }

    static let prometheusLine = "    prometheus: { url: http://127.0.0.1:8000/metrics, metric: breaker_state, names: { primary: openai }, every: 100ms }"

    @Test(arguments: [
        ("    json: { url: http://x/status, path: \"breakers\" }", "`path` `breakers` is not a path airm reads"),
        ("    prometheus: { url: http://x/m }", "`prometheus` needs `metric`"),
        ("    prometheus: { url: http://x/m, metric: m, state_lable: state }", "unknown key `state_lable` in `prometheus`"),
        ("    prometheus: { url: x/m, metric: m }", "`url` must be an http:// or https:// URL, not `x/m`"),
        ("    prometheus: { url: http://x/m, metric: m, states: { closed: 0 } }", "`states` must say which value means `open`"),
    ])
    func refusesBreakerReadingsItCannotUse(line: String, message: String) {
        let text = Self.file.replacingOccurrences(of: Self.prometheusLine, with: line)
        let errors = Support.errors(Support.load(text))
        #expect(errors.contains { $0.message == message }, "\(errors.map(\.description))")
    }

    @Test func refusesAPolicy() throws {
        let errors = Support.errors(Support.load(Self.file + "\npolicy:\n  timeout: 1s"))
        let error = try #require(errors.first)
        #expect(error.message.hasPrefix("`policy` does not apply in `mode: app`"))
        #expect(error.location?.line == 27)
    }

    @Test func unknownProviderInAURLPlaceholderIsLocated() throws {
        let text = Self.file.replacingOccurrences(of: "${providers.openai.url}/v1", with: "${providers.opnai.url}/v1")
        let errors = Support.errors(Support.load(text))
        let error = try #require(errors.first)
        #expect(error.message == "unknown provider `opnai`")
        #expect(error.location?.line == 6)
        #expect(error.hint == "did you mean `openai`?")
    }

    @Test func appSectionOutsideAppModeAndMissingInAppMode() {
        let outside = Support.errors(Support.load(Self.file.replacingOccurrences(of: "mode: app", with: "mode: live")))
        #expect(outside.contains { $0.message == "`app` applies only in `mode: app`" })
        let text = Self.file.components(separatedBy: "\n").filter { !$0.hasPrefix("  ") || $0.hasPrefix("  openai") || $0.hasPrefix("  cohere")
            || $0.hasPrefix("  - ") }.filter { $0 != "app:" }.joined(separator: "\n")
        let missing = Support.errors(Support.load(text))
        #expect(missing.contains { $0.message == "`mode: app` needs an `app` section" }, "\(missing.map(\.description))")
    }

    @Test func theSchemaAcceptsTheFileAndRefusesBothSources() throws {
        #expect(SchemaTests.validator.validate(try SchemaValidator.json(fromYAML: Self.file)).isEmpty)
        let both = Self.file.replacingOccurrences(of: Self.prometheusLine, with: Self.prometheusLine + "\n    json: { url: http://x/s }")
        #expect(Support.errors(Support.load(both)).contains { $0.message == "`breakers` gives both `prometheus` and `json`" })
        #expect(!SchemaTests.validator.validate(try SchemaValidator.json(fromYAML: both)).isEmpty)
    }

    @Test func appScopedProviderMetricsAreRefused() {
        let text = Self.file.replacingOccurrences(of: "app.success_rate >= 99%", with: "app.calls > 0")
        let errors = Support.errors(Support.load(text))
        #expect(errors.contains { $0.message.contains("`calls` is counted per provider, but `app` is the application's side") })
    }
}
