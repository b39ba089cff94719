import Yams

/// `app:` and the rules of `mode: app` (docs/experiment-format.md "`app`").
extension ExperimentReader {
    static let appKeys = ["command", "env", "ready", "request", "breakers"]
    static let readyKeys = ["get", "within"]
    static let appRequestKeys = ["post", "get", "json", "headers", "timeout", "ok_when"]
    static let breakerSourceKeys = ["prometheus", "json"]
    static let prometheusKeys = ["url", "metric", "name_label", "state_label", "states", "names", "every"]
    static let jsonStatusKeys = ["url", "path", "names", "every"]

    /// Checks that `app:` and `policy:` fit the mode: `app:` is required in `mode: app` and
    /// refused elsewhere; `policy:` is refused in `mode: app`, where the app's own code decides.
    func checkModeSections(mode: Experiment.Mode?, fields: Fields) {
        let isApp = mode == .app
        if isApp, let policy = fields["policy"] {
            context.error("`policy` does not apply in `mode: app`: the application's own retry and breaker code is under test",
                          at: context.location(policy.keyNode),
                          hint: "remove `policy`, or use `mode: simulated` or `mode: live` to test airm's model of a policy")
        }
        if isApp, !fields.has("app") {
            context.error("`mode: app` needs an `app` section", at: fields.owner,
                          hint: "e.g. `app: { request: { post: http://127.0.0.1:8000/chat } }`")
        }
        if !isApp, let app = fields["app"] {
            context.error("`app` applies only in `mode: app`", at: context.location(app.keyNode), hint: "add `mode: app`")
        }
    }

    func readApp(_ field: Field) -> AppUnderTest? {
        guard let fields = Fields(field.value, what: "`app`", allowed: Self.appKeys,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        let errorsBefore = context.diagnostics.count
        let request = fields.require("request", in: "`app`", hint: "e.g. `request: { post: http://127.0.0.1:8000/chat }`",
                                     context: context).flatMap(readAppRequest)
        var app = request.map(AppUnderTest.init(request:))
        if let command = fields["command"] { app?.command = appText(command.value, key: "command") }
        if let env = fields["env"] { app?.env = readVariables(env, providerURLs: true) ?? [] }
        if let ready = fields["ready"] { app?.ready = readReady(ready) }
        if let breakers = fields["breakers"] { app?.breakers = readBreakerReading(breakers) }
        let hadErrors = context.diagnostics[errorsBefore...].contains { $0.severity == .error }
        return hadErrors ? nil : app
    }

    // MARK: - ready and request

    private func readReady(_ field: Field) -> AppUnderTest.Ready? {
        guard let fields = Fields(field.value, what: "`ready`", allowed: Self.readyKeys,
                                  owner: context.location(field.keyNode), context: context),
              let get = fields.require("get", in: "`ready`", hint: "e.g. `get: http://127.0.0.1:8000/health`", context: context),
              let url = readURL(get) else { return nil }
        var ready = AppUnderTest.Ready(url: url)
        if let within = fields["within"] { ready.within = context.duration(within) ?? ready.within }
        return ready
    }

    private func readAppRequest(_ field: Field) -> AppUnderTest.Request? {
        guard let fields = Fields(field.value, what: "`request`", allowed: Self.appRequestKeys,
                                  owner: context.location(field.keyNode), context: context) else { return nil }
        let methods = fields.present(["post", "get"])
        guard let target = methods.first else {
            context.error("`request` needs `post` or `get` with the app's URL", at: fields.owner,
                          hint: "e.g. `post: http://127.0.0.1:8000/chat`")
            return nil
        }
        if methods.count > 1 {
            context.error("`request` gives both `post` and `get`", at: context.location(methods[1].keyNode), hint: "give one of them")
        }
        guard let url = readURL(target), let method = AppUnderTest.Request.Method(rawValue: target.key) else { return nil }
        var request = AppUnderTest.Request(method: method, url: url)
        if let json = fields["json"] {
            if method == .get {
                context.error("`json` needs `post`: a GET sends no body", at: context.location(json.keyNode))
            }
            request.json = YAMLJSON(context: context).encode(json.value, key: "json")
        }
        if let headers = fields["headers"] { request.headers = readVariables(headers, providerURLs: false) ?? [] }
        if let timeout = fields["timeout"] { request.timeout = context.duration(timeout) ?? request.timeout }
        if let okWhen = fields["ok_when"] { request.okWhen = readOkWhen(okWhen) ?? request.okWhen }
        return request
    }

    private func readOkWhen(_ field: Field) -> [AppUnderTest.StatusMatch]? {
        guard let fields = Fields(field.value, what: "`ok_when`", allowed: ["status"],
                                  owner: context.location(field.keyNode), context: context),
              let status = fields.require("status", in: "`ok_when`", hint: "e.g. `status: 2xx`", context: context) else { return nil }
        let items: [Node]
        if case .sequence(let sequence) = status.value { items = Array(sequence) } else { items = [status.value] }
        if items.isEmpty {
            context.error("`status` is empty", at: context.location(status.value), hint: "e.g. `status: 2xx` or `status: [200, 201]`")
            return nil
        }
        var matches: [AppUnderTest.StatusMatch] = []
        for item in items {
            guard let value = context.scalar(item, key: "status", expecting: "a status such as `2xx` or `200`") else { return nil }
            let text = value.text.lowercased()
            if text.count == 3, text.hasSuffix("xx"), let hundreds = Int(text.prefix(1)), (1...5).contains(hundreds) {
                matches.append(.statusClass(hundreds))
            } else if let exact = Int(text), (100...599).contains(exact) {
                matches.append(.status(exact))
            } else {
                context.error("`\(value.text)` is not an HTTP status or class", at: value.location, hint: "e.g. `2xx`, `200` or `[200, 201]`")
                return nil
            }
        }
        return matches
    }

    // MARK: - Shared

    /// An `http://` or `https://` URL.
    func readURL(_ field: Field) -> String? {
        guard let url = context.string(field) else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            context.error("`\(field.key)` must be an http:// or https:// URL, not `\(url)`", at: context.location(field.value),
                          hint: "e.g. `http://127.0.0.1:8000/health`")
            return nil
        }
        return url
    }

    /// A mapping of names to text, in file order; with `providerURLs`, values may hold `${providers.NAME.url}`.
    private func readVariables(_ field: Field, providerURLs: Bool) -> [AppUnderTest.Variable]? {
        guard let fields = Fields(field.value, what: "`\(field.key)`", allowed: [], owner: context.location(field.keyNode),
                                  duplicateLabel: "variable", context: context) else { return nil }
        var variables: [AppUnderTest.Variable] = []
        for entry in fields.ordered {
            let value = providerURLs ? appText(entry.value, key: entry.key) : context.string(entry.value, key: entry.key)
            if let value { variables.append(AppUnderTest.Variable(name: entry.key, value: value)) }
        }
        return variables
    }

    /// Text in which `${VAR}` expands from the environment and `${providers.NAME.url}` is kept for
    /// the run, its provider checked like any other reference.
    func appText(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.isNull else { return context.string(node, key: key) }
        var escaped = ""
        var rest = Substring(scalar.string)
        let marker = "${providers."
        while let range = rest.range(of: marker) {
            escaped += rest[rest.startIndex..<range.lowerBound]
            let after = rest[range.upperBound...]
            guard let close = after.firstIndex(of: "}"), after[after.startIndex..<close].hasSuffix(".url") else {
                context.error("`\(key)`: write a provider's URL as `${providers.NAME.url}`", at: context.location(node),
                              hint: "e.g. `${providers.gemini.url}`")
                return nil
            }
            let name = String(after[after.startIndex..<close].dropLast(".url".count))
            references.append(Reference(name: name, kind: .provider, location: context.location(node)))
            escaped += "$" + marker + after[after.startIndex...close]
            rest = after[after.index(after: close)...]
        }
        escaped += rest
        let copy = Node.scalar(Node.Scalar(escaped, scalar.tag, scalar.style, scalar.mark))
        return context.string(copy, key: key)
    }
}
