/// Definitions of the sections of an experiment.
extension ExperimentSchema {
    // MARK: - Providers

    static let providerDefinitions: [(String, SchemaNode)] = [
        ("latency", describe("Fixed (300ms), lognormal ({median, p99}), uniform ({uniform: [a, b]}) or exponential ({exponential: mean}).", ["oneOf": [
            ref("duration"),
            object([("median", ref("duration")), ("p99", ref("duration"))], required: ["median", "p99"]),
            object([("uniform", ["type": "array", "items": ref("duration"), "minItems": 2, "maxItems": 2])], required: ["uniform"]),
            object([("exponential", ref("duration"))], required: ["exponential"]),
        ]])),
        ("provider", object([
            ("type", describe("Defaults to the provider's name when that is a type.", enumeration(Provider.Kind.allCases.map(\.rawValue)))),
            ("model", ["type": "string"]),
            ("endpoint", describe("Live only.", ["type": "string"])),
            ("api_key", describe("Live only; never written to any output.", ["type": "string"])),
            ("upstream", describe("mode: app and airm fake-providers: the real API (absolute http or https URL) the provider's fake forwards to, faults applied on the way.",
                                  ["type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]+"])),
            ("simulate", object([
                ("latency", ref("latency")),
                ("error_rate", ref("ratio")),
                ("rate_limit", ref("rate")),
                ("capacity", integer(minimum: 1)),
            ])),
        ])),
    ]

    // MARK: - Policy

    static let policyDefinitions: [(String, SchemaNode)] = [
        ("retry", object([
            ("max_attempts", describe("Per provider, first attempt included (default 1).", integer(minimum: 1, maximum: 100))),
            ("backoff", object([
                ("initial", ref("duration")),
                ("multiplier", number(minimum: 1, maximum: 100)),
                ("max", ref("duration")),
                ("jitter", enumeration(RetryPolicy.Jitter.allCases.map(\.rawValue))),
            ])),
            ("on", ref("error_kinds")),
            ("retry_after", enumeration(RetryPolicy.RetryAfter.allCases.map(\.rawValue))),
        ])),
        ("breaker", object([
            ("consecutive_failures", integer(minimum: 0)),
            ("failure_rate", ref("ratio")),
            ("window", describe("Last N calls, or a duration for a time-based window.", ["anyOf": [integer(minimum: 1), ref("duration")]])),
            ("minimum_calls", integer(minimum: 1)),
            ("slow_call", object([("over", ref("duration")), ("rate", ref("ratio"))], required: ["over", "rate"])),
            ("open_for", ref("duration")),
            ("open_backoff", object([("multiplier", number(minimum: 1, maximum: 100)), ("max", ref("duration"))], required: ["multiplier", "max"])),
            ("half_open", object([("probes", integer(minimum: 1, maximum: 1000)), ("close_after", integer(minimum: 1, maximum: 1000))])),
            ("failures", ref("error_kinds")),
        ])),
        ("provider_policy", object([("timeout", ref("duration")), ("retry", ref("retry")), ("breaker", ref("breaker"))])),
        ("policy", object([
            ("route", describe("Providers to try, in order (default: file order).", ["type": "array", "minItems": 1, "items": ref("name")])),
            ("timeout", ref("duration")),
            ("deadline", ref("duration")),
            ("retry", ref("retry")),
            ("breaker", ref("breaker")),
            ("overrides", ["type": "object", "propertyNames": ["pattern": .string(Pattern.name)], "additionalProperties": ref("provider_policy")]),
            ("fallback", object([("response", ["type": "string"])], required: ["response"])),
        ])),
    ]

    // MARK: - Traffic

    static let trafficDefinitions: [(String, SchemaNode)] = [
        ("stage", object([("from", ref("rate")), ("to", ref("rate")), ("over", ref("duration"))], required: ["to", "over"])),
        ("stream", .object([
            ("type", "object"),
            ("properties", .object([
                ("name", ref("name")),
                ("rate", ref("rate")),
                ("stages", ["type": "array", "minItems": 1, "items": ref("stage")]),
                ("burst", object([("count", integer(minimum: 1)), ("at", ref("time_reference")), ("over", ref("duration"))], required: ["count"])),
                ("users", integer(minimum: 1)),
                ("arrivals", enumeration(TrafficStream.Arrivals.allCases.map(\.rawValue))),
                ("think", ["oneOf": [ref("duration"), object([("exponential", ref("duration"))], required: ["exponential"])]]),
                ("start", ref("time_reference")),
                ("duration", ref("duration")),
                ("max_in_flight", integer(minimum: 1)),
                ("prompts", ["type": "array", "minItems": 1, "items": ["type": "string"]]),
                ("request", object([
                    ("prompt", ["type": "string"]),
                    ("prompts", ["type": "array", "minItems": 1, "items": ["type": "string"]]),
                    ("max_tokens", integer(minimum: 1)),
                    ("stream", ["type": "boolean"]),
                ])),
            ])),
            ("oneOf", [["required": ["rate"]], ["required": ["stages"]], ["required": ["burst"]], ["required": ["users"]]]),
            ("additionalProperties", false),
        ])),
    ]

    // MARK: - Faults

    static func faultDefinitions(_ faultTypes: FaultVocabulary) -> [(String, SchemaNode)] {
        [
            ("target", describe("A provider, a list of providers, or \"*\".", ["oneOf": [
                ["const": "*"], ref("name"), ["type": "array", "minItems": 1, "items": ref("name")],
            ]])),
            ("fault", .object([("oneOf", .array(faultTypes.types.map(faultSchema)))])),
        ]
    }

    /// The common keys, then the type's own (its `FaultSchema`).
    private static func faultSchema(_ type: any FaultType.Type) -> SchemaNode {
        var properties: [(String, SchemaNode)] = [
            ("name", ref("name")),
            ("target", ref("target")),
            ("type", ["const": .string(type.name)]),
            ("at", ref("time_reference")),
            ("for", ref("duration")),
            ("until", ref("time_reference")),
            ("probability", ref("ratio")),
            ("delay", ref("duration")),
        ]
        let own = type.schema
        for (key, node) in own.properties {
            if let index = properties.firstIndex(where: { $0.0 == key }) { properties[index].1 = node } else { properties.append((key, node)) }
        }
        return object(properties, required: ["target", "type"] + own.required)
    }

    // MARK: - Assertions

    static let assertionDefinitions: [(String, SchemaNode)] = [
        ("transition", describe("true, or {after: <time ref>, within: <duration>}.", ["oneOf": [
            ["const": true],
            object([("after", ref("time_reference")), ("within", ref("duration"))], required: ["after"]),
        ]])),
        ("breaker_assertion", .object([
            ("type", "object"),
            ("properties", .object([
                ("name", ["type": "string"]),
                ("breaker", ref("name")),
            ] + BreakerChecks.all.map { ($0.key, $0.schema) } + windowProperties)),
            ("required", ["breaker"]),
            ("oneOf", .array(BreakerCheck.keys.map { ["required": [.string($0)]] })),
            ("additionalProperties", false),
        ])),
        ("expect_assertion", object([("name", ["type": "string"]), ("expect", ref("expression"))] + windowProperties, required: ["expect"])),
        ("assertion", ["oneOf": [ref("breaker_assertion"), ref("expect_assertion")]]),
    ]

    /// The window keys, and `abort_on_fail`, which every assertion may hold.
    private static let windowProperties: [(String, SchemaNode)] = [
        ("during", ref("name")), ("before", ref("name")), ("after", ref("name")), ("window", ref("window")),
        ("abort_on_fail", describe("Stop the run once this assertion can no longer hold.", ["type": "boolean"])),
    ]
}
