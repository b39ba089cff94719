/// Definitions of `app:` (docs/experiment-format.md "`app`").
extension ExperimentSchema {
    static let appDefinitions: [(String, SchemaNode)] = [
        ("url", describe("An http:// or https:// URL.", ["type": "string", "pattern": "^(?:https?://.*|.*\\$\\{.*\\}.*)$"])),
        ("text_map", ["type": "object", "additionalProperties": ["type": "string"]]),
        ("breaker_names", describe("The app's breaker names, each mapped to the provider it guards.",
                                   ["type": "object", "additionalProperties": ref("name")])),
        ("app_request", describe("What one unit of traffic sends to the app; give `post` or `get`.", .object([
            ("type", "object"),
            ("properties", .object([
                ("post", ref("url")),
                ("get", ref("url")),
                ("json", describe("The body, as YAML; sent as JSON with `post`.", [:])),
                ("headers", ref("text_map")),
                ("timeout", describe("Per request (default 30s).", ref("duration"))),
                ("ok_when", object([("status", describe("2xx, 200, or a list of them (default 2xx).", ["anyOf": [
                    ["type": ["string", "integer"]], ["type": "array", "minItems": 1, "items": ["type": ["string", "integer"]]],
                ]]))], required: ["status"])),
            ])),
            ("oneOf", [["required": ["post"]], ["required": ["get"]]]),
            ("additionalProperties", false),
        ]))),
        ("app", describe("The application under test (mode: app).", object([
            ("command", describe("Started by airm, with the fakes' URLs in its environment; omit for an app already running.", ["type": "string"])),
            ("env", describe("Added to airm's environment for `command`; `${providers.NAME.url}` is a fake's URL.", ref("text_map"))),
            ("ready", object([("get", ref("url")), ("within", describe("Default 20s.", ref("duration")))], required: ["get"])),
            ("request", ref("app_request")),
            ("breakers", describe("Where the app tells its breakers' states; give one.", exactlyOne(object([
                ("prometheus", object([
                    ("url", ref("url")),
                    ("metric", ["type": "string"]),
                    ("name_label", describe("Default name.", ["type": "string"])),
                    ("state_label", describe("Read the state from this label of the series whose value is 1.", ["type": "string"])),
                    ("states", describe("Which gauge value means which state (default closed 0, open 1, half_open 2).", object(
                        BreakerReading.stateNames.map { ($0, ["type": "number"]) }))),
                    ("names", ref("breaker_names")),
                    ("every", describe("Default 250ms.", ref("duration"))),
                ], required: ["url", "metric"])),
                ("json", object([
                    ("url", ref("url")),
                    ("path", describe("$, then .key and [*] steps, e.g. $.breakers[*] (default $).", ["type": "string"])),
                    ("names", ref("breaker_names")),
                    ("every", describe("Default 250ms.", ref("duration"))),
                ], required: ["url"])),
            ])))),
        ], required: ["request"]))),
    ]

    /// An object that must give exactly one of its keys.
    static func exactlyOne(_ schema: SchemaNode) -> SchemaNode {
        guard case .object(var pairs) = schema else { return schema }
        pairs += [("minProperties", 1), ("maxProperties", 1)]
        return .object(pairs)
    }
}
