import Yams

/// `traffic:` (docs/experiment-format.md, docs/semantics.md "Traffic").
extension ExperimentReader {
    static let shapeKeys = ["rate", "stages", "burst", "users"]
    static let streamKeys = ["name", "rate", "stages", "burst", "users", "arrivals", "think", "start", "duration",
                             "max_in_flight", "request", "prompts"]

    func readTraffic(_ field: Field) -> [TrafficStream]? {
        guard let items = context.list(field, expecting: "streams") else { return nil }
        if items.isEmpty {
            context.error("`traffic` is empty", at: context.location(field.value), hint: "add at least one stream, e.g. `- rate: 10/s`")
            return nil
        }
        var streams: [TrafficStream] = []
        var ok = true
        for (index, item) in items.enumerated() {
            if let stream = readStream(item, index: index) { streams.append(stream) } else { ok = false }
        }
        return ok ? streams : nil
    }

    func readStream(_ node: Node, index: Int) -> TrafficStream? {
        let location = context.location(node)
        guard let fields = Fields(node, what: "a traffic stream", allowed: Self.streamKeys, context: context) else { return nil }
        let errorsBefore = context.diagnostics.count
        var name = "stream-\(index + 1)"
        var nameLocation = location
        if let field = fields["name"] {
            name = context.name(field.value, key: "name", kind: "stream") ?? name
            nameLocation = context.location(field.value)
        }
        define(name, at: nameLocation, kind: "stream", in: &streamNames)

        let shapes = fields.present(Self.shapeKeys)
        var shape: TrafficStream.Shape?
        if shapes.isEmpty {
            context.error("traffic stream `\(name)` needs one of `rate`, `stages`, `burst` or `users`", at: location,
                          hint: "e.g. `rate: 20/s`")
        } else if shapes.count > 1 {
            context.error("traffic stream `\(name)` gives both `\(shapes[0].key)` and `\(shapes[1].key)`",
                          at: context.location(shapes[1].keyNode), hint: "give exactly one of `rate`, `stages`, `burst` or `users`")
        } else {
            shape = readShape(shapes[0], fields: fields)
        }
        if let arrivals = fields["arrivals"], shapes.first?.key != "rate" {
            context.error("`arrivals` applies only to `rate` streams", at: context.location(arrivals.keyNode))
        }
        if let think = fields["think"], shapes.first?.key != "users" {
            context.error("`think` applies only to `users` streams", at: context.location(think.keyNode))
        }
        var stream = TrafficStream(name: name, shape: shape ?? .users(1, think: .fixed(.zero)), location: location)
        if let field = fields["start"], let start = context.timeReference(field.value, key: "start") {
            noteReference(start)
            stream.start = start
        }
        if let field = fields["duration"] { stream.duration = context.duration(field) }
        if let field = fields["max_in_flight"], let value = context.int(field, minimum: 1) { stream.maxInFlight = value }
        if let field = fields["request"], let request = readRequest(field) { stream.request = request }
        if let field = fields["prompts"] {
            // `prompts: [ ... ]` beside `request:` is the same as `request: { prompts: [ ... ] }`.
            if let request = fields["request"], case .mapping(let inner) = request.value,
               inner.keys.contains(where: { $0.string == "prompt" || $0.string == "prompts" }) {
                context.error("the stream gives prompts twice: in `request` and in `prompts`", at: context.location(field.keyNode),
                              hint: "keep one", notes: [Diagnostic(.note, "`request` is given here", at: context.location(request.keyNode))])
            } else if let prompts = readPrompts(field) {
                stream.request.prompts = prompts
            }
        }
        streamTimes.append((stream.start, stream.duration, location))
        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        return hadErrors || shape == nil ? nil : stream
    }

    // MARK: - Shapes

    private func readShape(_ field: Field, fields: Fields) -> TrafficStream.Shape? {
        switch field.key {
        case "rate":
            guard let rate = context.rate(field.value, key: "rate") else { return nil }
            let arrivals = fields["arrivals"].map { context.choice($0.value, key: "arrivals", TrafficStream.Arrivals.self) } ?? .uniform
            return arrivals.map { .rate(rate, $0) }
        case "stages":
            return readStages(field).map { .stages($0) }
        case "burst":
            return readBurst(field)
        default:
            guard let users = context.int(field, minimum: 1, maximum: 100_000) else { return nil }
            var think = TrafficStream.Think.fixed(.zero)
            if let field = fields["think"] {
                guard let value = readThink(field) else { return nil }
                think = value
            }
            return .users(users, think: think)
        }
    }

    private func readStages(_ field: Field) -> [TrafficStream.Stage]? {
        guard let items = context.list(field, expecting: "stages") else { return nil }
        if items.isEmpty {
            context.error("`stages` is empty", at: context.location(field.value), hint: "e.g. `[ { to: 50/s, over: 1m } ]`")
            return nil
        }
        var stages: [TrafficStream.Stage] = []
        var previous = Rate(perSecond: 0)
        var ok = true
        for item in items {
            guard let inner = Fields(item, what: "a stage", allowed: ["from", "to", "over"], context: context) else { ok = false; continue }
            let from = inner["from"].map { context.rate($0.value, key: "from", allowZero: true) } ?? previous
            let to = inner.require("to", in: "a stage", hint: "e.g. `to: 50/s`", context: context).flatMap { context.rate($0.value, key: "to", allowZero: true) }
            let over = inner.require("over", in: "a stage", hint: "e.g. `over: 1m`", context: context).flatMap { context.duration($0) }
            guard let from, let to, let over else { ok = false; continue }
            stages.append(TrafficStream.Stage(from: from, to: to, over: over))
            previous = to
        }
        return ok ? stages : nil
    }

    private func readBurst(_ field: Field) -> TrafficStream.Shape? {
        guard let inner = Fields(field.value, what: "`burst`", allowed: ["count", "at", "over"],
                                 owner: context.location(field.keyNode), context: context) else { return nil }
        let count = inner.require("count", in: "`burst`", hint: "e.g. `count: 200`", context: context).flatMap { context.int($0, minimum: 1, maximum: 10_000_000) }
        var at = TimeReference.at(.zero)
        if let field = inner["at"] {
            guard let value = context.timeReference(field.value, key: "at") else { return nil }
            noteReference(value)
            burstTimes.append(value)
            at = value
        }
        var over = TimeSpan.seconds(1)
        if let field = inner["over"] {
            guard let value = context.duration(field, allowZero: true) else { return nil }
            over = value
        }
        return count.map { .burst(count: $0, at: at, over: over) }
    }

    private func readThink(_ field: Field) -> TrafficStream.Think? {
        if case .scalar = field.value { return context.duration(field, allowZero: true).map { .fixed($0) } }
        guard let inner = Fields(field.value, what: "`think`", allowed: ["exponential"], owner: context.location(field.keyNode), context: context),
              let mean = inner.require("exponential", in: "`think`", hint: "e.g. `{ exponential: 2s }`", context: context) else { return nil }
        return context.duration(mean).map { .exponential(mean: $0) }
    }

    // MARK: - Request

    private func readRequest(_ field: Field) -> TrafficStream.Request? {
        guard let inner = Fields(field.value, what: "`request`", allowed: ["prompt", "prompts", "max_tokens", "stream"],
                                 owner: context.location(field.keyNode), context: context) else { return nil }
        var request = TrafficStream.Request()
        if inner.has("prompt"), let prompts = inner["prompts"] {
            context.error("`request` gives both `prompt` and `prompts`", at: context.location(prompts.keyNode), hint: "keep one")
            return nil
        }
        if let prompt = inner["prompt"], let text = context.string(prompt) { request.prompts = [text] }
        if let prompts = inner["prompts"], let texts = readPrompts(prompts) { request.prompts = texts }
        if let field = inner["max_tokens"] { request.maxTokens = context.int(field, minimum: 1, maximum: 1_000_000) }
        if let field = inner["stream"], let value = context.bool(field) { request.stream = value }
        return request
    }

    /// A non-empty list of prompt texts.
    private func readPrompts(_ field: Field) -> [String]? {
        guard let items = context.list(field, expecting: "prompts") else { return nil }
        if items.isEmpty {
            context.error("`prompts` is empty", at: context.location(field.value))
            return nil
        }
        return items.compactMap { context.string($0, key: "prompts") }
    }
}
