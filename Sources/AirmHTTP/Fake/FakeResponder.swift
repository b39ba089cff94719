import AirmSpec
import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the provider APIs of `ProviderAPIs.all` and the fault control endpoint.
struct FakeResponder: HTTPResponder {
    typealias Context = FakeContext

    let behavior: any FakeBehavior
    let board: FaultBoard
    let started: ContinuousClock.Instant
    /// In proxy mode, the real API every call is forwarded to (docs/app-mode.md "Proxy mode").
    var upstream: UpstreamProxy? = nil
    /// The calls held open by a `hang`, closed when the server shuts down.
    var hanging = HangingCalls()
    static let maxBody = 4 * 1024 * 1024

    func respond(to request: Request, context: FakeContext) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var query: [String: String] = [:]
        for name in ["alt", "key"] {
            if let value = request.uri.queryParameters[Substring(name)], !value.isEmpty { query[name] = String(value) }
        }
        let route = FakeRoute(path: request.uri.path, query: query, headers: headers)
        if let upstream, !route.isControl {
            return try await forward(request, route: route, upstream: upstream, context: context)
        }
        switch route.target {
        case .faults:
            return try await control(request)
        case .notFound:
            return Self.json(404, .members(("error", .string("no fake API at \(request.uri.path)"))))
        case .api(let api, let match):
            guard request.method.rawValue == match.method else {
                return Self.json(405, .members(("error", "method not allowed")))
            }
            var response = try await serve(request, headers: headers, query: query, api: api, route: route,
                                           match: match, context: context)
            for (name, value) in api.answerHeaders() {
                if let name = HTTPField.Name(name) { response.headers.append(HTTPField(name: name, value: value)) }
            }
            return response
        }
    }

    var now: TimeSpan { TimeSpan(ContinuousClock.now - started) }

    // MARK: - Provider calls

    private func serve(_ request: Request, headers: [String: String], query: [String: String], api: any ProviderAPI,
                       route: FakeRoute, match: FakeRoute.Match, context: FakeContext) async throws -> Response {
        guard api.hasKey(headers: headers, query: query) else {
            return Self.synthesized(NativeErrors.missingKey(api))
        }
        let call: FakeCall
        if match.operation == .models {
            call = .modelsList
        } else {
            let body = try await request.body.collect(upTo: Self.maxBody)
            guard let parsed = api.parse(body: Array(buffer: body), match: match) else {
                return Self.synthesized(NativeErrors.response(api, status: 400))
            }
            call = parsed
        }
        let base = await behavior.decide(provider: route.provider, at: now)
        let decision = await board.apply(to: base, provider: route.provider, now: now)
        if decision.action != .hang, decision.delay > .zero {
            try await Task.sleep(for: .nanoseconds(decision.delay.nanoseconds))
        }
        let tokens = FakeText.tokens(maxTokens: call.maxTokens)
        let writer = FakeAnswerWriter(api: api, call: call, tokens: tokens, sse: match.sse, channel: context.channel,
                                      tokenInterval: decision.tokenInterval, stall: decision.stall)
        if let stall = decision.stall, !writer.isEventStream, decision.action != .hang {
            // A whole answer is complete before any stall point: it is held for the gap at its end.
            try await Task.sleep(for: .nanoseconds(stall.gap.nanoseconds))
        }
        switch decision.action {
        case .answer: return writer.answer(corruption: nil)
        case .corrupt(let how): return writer.answer(corruption: how)
        case .blocked:
            return writer.blocked() ?? Self.synthesized(NativeErrors.response(
                api, status: 400, message: "the request was blocked by the provider's safety filter"))
        case .cutStream(let count, let reset): return writer.cut(.afterTokens(count), ending: reset ? .reset : .truncated)
        case .cut(let cut, let ending): return writer.cut(cut, ending: ending)
        case .reset:
            await FakeAnswerWriter.reset(context.channel)
            throw CancellationError()
        case .error(let status, let retryAfter):
            return Self.synthesized(NativeErrors.response(api, status: status, retryAfter: retryAfter))
        case .coldStart(let estimate):
            return Self.synthesized(api.coldStart(model: call.model, estimatedTime: estimate))
        case .hang:
            await HangUntilGone.wait(on: context.channel, calls: hanging)
            throw CancellationError()
        case .close:
            try? await context.channel.close()
            throw CancellationError()
        }
    }

    // MARK: - Proxy mode

    /// Forwards one call to the upstream under the active faults, as live mode alters a real
    /// exchange: injected answers and dropped connections never reach the upstream; the others
    /// are forwarded and their answer altered on the way back (`ProxyRelay`).
    private func forward(_ request: Request, route: FakeRoute, upstream: UpstreamProxy,
                         context: FakeContext) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maxBody)
        let base = await behavior.decide(provider: route.provider, at: now)
        let decision = await board.apply(to: base, provider: route.provider, now: now)
        if decision.action != .hang, decision.delay > .zero {
            try await Task.sleep(for: .nanoseconds(decision.delay.nanoseconds))
        }
        if let (alteration, ending) = ProxyRelay.alteration(of: decision.action) {
            let relay = ProxyRelay(alteration: alteration, ending: ending, stall: decision.stall, channel: context.channel)
            return try await upstream.forward(request, body: body, relay: relay)
        }
        switch decision.action {
        case .error(let status, let retryAfter):
            return Self.synthesized(NativeErrors.response(upstream.kind, status: status, retryAfter: retryAfter))
        case .coldStart(let estimate):
            let model: String
            if case .api(_, let match) = route.target, let named = match.model { model = named } else { model = "" }
            return Self.synthesized(NativeErrors.format(upstream.kind).coldStart(model: model, estimatedTime: estimate))
        case .blocked:
            return Self.synthesized(NativeErrors.response(
                upstream.kind, status: 400, message: "the request was blocked by the provider's safety filter"))
        case .reset:
            await FakeAnswerWriter.reset(context.channel)
            throw CancellationError()
        case .hang:
            await HangUntilGone.wait(on: context.channel, calls: hanging)
            throw CancellationError()
        case .close, .answer, .corrupt, .cut, .cutStream:
            try? await context.channel.close()
            throw CancellationError()
        }
    }

    // MARK: - Control endpoint

    /// `POST` adds one fault (an experiment's fault mapping, YAML or JSON; docs/experiment-format.md
    /// "The fake's control API"), `GET` lists the active ones, `DELETE` clears them. A refused
    /// fault gets 400 with the loader's located messages.
    private func control(_ request: Request) async throws -> Response {
        switch request.method {
        case .post:
            guard let body = try? await request.body.collect(upTo: 64 * 1024) else {
                return Self.json(413, .members(("error", "a fault is at most 64 KiB")))
            }
            guard let text = String(validating: Array(buffer: body), as: UTF8.self) else {
                return Self.json(400, .members(("error", "the body must be UTF-8 text")))
            }
            switch await board.post(text, now: now) {
            case .failure(let refusal):
                return Self.json(400, .members(("error", .string(refusal.message))))
            case .success(let fault):
                let count = await board.list(now: now).count
                return Self.json(201, .members(("added", .string(fault.name)), ("active", .int(count))))
            }
        case .delete:
            let removed = await board.clear()
            return Self.json(200, .members(("removed", .int(removed))))
        case .get:
            let names = await board.list(now: now).map { JSONValue.string($0.name) }
            return Self.json(200, .members(("active", .array(names))))
        default:
            return Self.json(405, .members(("error", "method not allowed")))
        }
    }

    // MARK: - Responses

    static func json(_ status: Int, _ body: JSONValue) -> Response {
        synthesized(SynthesizedResponse(status: status, headers: [("content-type", "application/json")], body: body.bytes))
    }

    static func synthesized(_ response: SynthesizedResponse) -> Response {
        Response(status: .init(code: response.status), headers: fields(response.headers),
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    static func fields(_ headers: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }
}
