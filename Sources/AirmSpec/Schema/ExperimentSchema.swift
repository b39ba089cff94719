/// The JSON Schema (draft 2020-12) of the experiment format, for editors and `airm schema`.
///
/// It follows the loader: the same keys, enums and unit shapes. Rules that need the whole file
/// (references between sections, `close_after <= probes`, ranges of times) are left to the loader.
public enum ExperimentSchema {
    /// The schema, pretty-printed with a stable key order; its faults are those of `faultTypes`.
    public static func json(faultTypes: FaultVocabulary) -> String { value(faultTypes: faultTypes).pretty() + "\n" }

    /// The schema as a value.
    public static func value(faultTypes: FaultVocabulary) -> SchemaNode { .object([
        ("$schema", "https://json-schema.org/draft/2020-12/schema"),
        ("$id", "https://airm.dev/schema/experiment-1.json"),
        ("title", "airm experiment"),
        ("description", "A chaos experiment against AI providers (format version 1)."),
        ("type", "object"),
        ("properties", .object([
            ("version", describe("Format version; only 1 exists.", ["enum": [1]])),
            ("name", describe("Experiment name; names report files and JUnit suites.", ["type": "string", "pattern": .string(Pattern.experimentName)])),
            ("description", ["type": "string"]),
            ("seed", describe("Seed of every random draw (default 1).", integer(minimum: 0))),
            ("duration", describe("Total run time; traffic stops here.", ref("duration"))),
            ("mode", describe("simulated (default), live, or app (the application under test; needs `app`, refuses `policy`).",
                              enumeration(Experiment.Mode.allCases.map(\.rawValue)))),
            ("providers", describe("Providers by name.", [
                "type": "object", "minProperties": 1, "propertyNames": ["pattern": .string(Pattern.name)],
                "additionalProperties": ref("provider"),
            ])),
            ("policy", ref("policy")),
            ("app", ref("app")),
            ("traffic", describe("Streams of requests, run concurrently.", ["type": "array", "minItems": 1, "items": ref("stream")])),
            ("faults", ["type": "array", "items": ref("fault")]),
            ("steady_state", object([
                ("settle", ref("duration")),
                ("expect", ["type": "array", "items": ref("expression")]),
            ], required: ["expect"])),
            ("assertions", ["type": "array", "items": ref("assertion")]),
            ("reports", object([("html", ["type": "boolean"]), ("junit", ["type": "boolean"]), ("json", ["type": "boolean"])])),
            ("budget", object([("max_calls", integer(minimum: 0))])),
        ])),
        ("required", ["name", "duration", "providers", "traffic"]),
        ("additionalProperties", false),
        ("$defs", .object(units + providerDefinitions + policyDefinitions + trafficDefinitions + appDefinitions + faultDefinitions(faultTypes) + assertionDefinitions)),
    ]) }

    // MARK: - Building blocks

    static func ref(_ name: String) -> SchemaNode { ["$ref": .string("#/$defs/\(name)")] }

    static func describe(_ text: String, _ schema: SchemaNode) -> SchemaNode {
        guard case .object(let pairs) = schema else { return schema }
        return .object([("description", .string(text))] + pairs)
    }

    /// An object with exactly these keys.
    static func object(_ properties: [(String, SchemaNode)], required: [String] = []) -> SchemaNode {
        var pairs: [(String, SchemaNode)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        pairs.append(("additionalProperties", false))
        return .object(pairs)
    }

    /// A whole number, or a `${VAR}` string that expands to one.
    static func integer(minimum: Int, maximum: Int? = nil) -> SchemaNode {
        var number: [(String, SchemaNode)] = [("type", "integer"), ("minimum", .number(Double(minimum)))]
        if let maximum { number.append(("maximum", .number(Double(maximum)))) }
        return ["anyOf": [.object(number), ref("environment")]]
    }

    static func number(minimum: Double, maximum: Double) -> SchemaNode {
        ["anyOf": [.object([("type", "number"), ("minimum", .number(minimum)), ("maximum", .number(maximum))]), ref("environment")]]
    }

    static func enumeration(_ values: [String]) -> SchemaNode { ["enum": .array(values.map { .string($0) })] }

    /// Text patterns of the units (docs/experiment-format.md "Units").
    enum Pattern {
        static let number = #"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"#
        static let span = "(?:\(number)(?:ms|h|m|s))+"
        static let environment = #".*\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}.*"#
        static let duration = "^(?:\(span)|\(environment))$"
        static let rate = #"^(?:"# + number + #"\s*/\s*[smh]|"# + environment + ")$"
        static let percent = #"^(?:"# + number + #"\s*%|"# + environment + ")$"
        static let timeReference = #"^(?:(?:start|end|[a-z0-9_-]+\.(?:start|end)|"# + span + #")(?:\s*[+-]\s*"# + span + ")?|" + environment + ")$"
        static let name = "^[a-z0-9_-]+$"
        static let experimentName = "^[a-z0-9._-]+$"
        static let expression = #"^\s*[a-z0-9_.-]+\s*(?:<=|>=|==|!=|<|>)\s*\S.*$"#
    }

    // MARK: - Units

    static let units: [(String, SchemaNode)] = [
        ("environment", describe("A value built from `${VAR}` or `${VAR:-default}`.", ["type": "string", "pattern": .string("^" + Pattern.environment + "$")])),
        ("duration", describe("A duration with a unit: 250ms, 5s, 1.5s, 2m, 1h, 1m30s.", ["type": "string", "pattern": .string(Pattern.duration)])),
        ("rate", describe("Requests per unit of time: 20/s, 600/m, 36000/h.", ["type": "string", "pattern": .string(Pattern.rate)])),
        ("ratio", describe("A share: 99%, 0.5%, or a number in [0, 1].", ["oneOf": [
            ["type": "string", "pattern": .string(Pattern.percent)],
            ["type": "number", "minimum": 0, "maximum": 1],
        ]])),
        ("time_reference", describe("30s, start, end, <fault>.start or <fault>.end, optionally + 5s or - 5s.",
                                    ["type": "string", "pattern": .string(Pattern.timeReference)])),
        ("name", describe("A provider, stream or fault name.", ["type": "string", "pattern": .string(Pattern.name)])),
        ("expression", describe("<metric> <op> <value>, e.g. success_rate >= 99% or gemini.latency.p99 < 2s.",
                                ["type": "string", "pattern": .string(Pattern.expression)])),
        ("error_kinds", ["type": "array", "items": enumeration(ErrorKind.allCases.map(\.rawValue))]),
        ("state", enumeration(["closed", "open", "half_open"])),
        ("window", describe("A span of the run between two time references.", object([("from", ref("time_reference")), ("to", ref("time_reference"))]))),
    ]
}
