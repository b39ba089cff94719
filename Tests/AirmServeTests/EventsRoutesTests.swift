import AirmEngine
import AirmHTTP
import AirmSpec
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import AirmServe

/// `GET /events` over a live socket: a snapshot first, then every breaker transition in order.
@Suite struct EventsRoutesTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static let transitions: [(String, BreakerState, BreakerState)] = [
        ("gemini", .closed, .open), ("openai", .closed, .open), ("gemini", .open, .halfOpen),
        ("gemini", .halfOpen, .closed), ("openai", .open, .halfOpen), ("openai", .halfOpen, .open),
        ("gemini", .closed, .forcedOpen), ("gemini", .forcedOpen, .closed),
    ]

    private func event(_ second: Double, _ kind: ServeEvent.Kind) -> ServeEvent {
        ServeEvent(at: .seconds(second), date: Self.start.addingTimeInterval(second), kind: kind)
    }

    /// Reads events from `response` until `done` says the ones read are enough.
    private func read(_ body: inout HTTPClientResponse.Body.AsyncIterator, parser: inout ServerSentEventParser,
                      until done: ([ServerSentEvent]) -> Bool) async throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        while !done(events), let chunk = try await body.next() {
            events += parser.feed(chunk.readableBytesView)
        }
        return events
    }

    private func json(_ event: ServerSentEvent) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
    }

    @Test func deliversASnapshotThenTransitionsInOrder() async throws {
        let feed = LiveFeed(breakers: [("gemini", .closed), ("openai", .closed)], started: Self.start,
                            statsInterval: .seconds(3600), now: { Self.start.addingTimeInterval(30) })
        let feeding = Task { await feed.run() }
        let router = Hummingbird.Router()
        EventsRoutes.add(to: router, feed: feed)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await exchange(feed: feed, feeding: feeding, router: router, http: http)
        } catch {
            feed.finish()
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    private func exchange(feed: LiveFeed, feeding: Task<Void, Never>, router: Hummingbird.Router<BasicRequestContext>,
                          http: HTTPClient) async throws {
        try await withLiveServer(router) { port in
            let response = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/events"), timeout: .seconds(30))
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "content-type") == "text/event-stream")
            var body = response.body.makeAsyncIterator()
            var parser = ServerSentEventParser()
            let first = try await read(&body, parser: &parser) { !$0.isEmpty }
            #expect(first.first?.event == "snapshot")
            let snapshot = try json(try #require(first.first))
            let breakers = try #require(snapshot["breakers"] as? [[String: Any]])
            #expect(breakers.map { $0["provider"] as? String } == ["gemini", "openai"])
            #expect(breakers.map { $0["state"] as? String } == ["closed", "closed"])

            for (index, (provider, from, to)) in Self.transitions.enumerated() {
                let record = TransitionRecord(provider: provider, at: .seconds(Double(index)), from: from, to: to, reason: "step \(index)")
                feed.observe(event(Double(index), .transition(record)))
                feed.observe(event(Double(index), .rejection(provider: provider)))
            }
            let events = try await read(&body, parser: &parser) { events in
                events.filter { $0.event == "transition" }.count == Self.transitions.count
            }
            let received = try events.filter { $0.event == "transition" }.map(json)
            #expect(received.map { $0["provider"] as? String } == Self.transitions.map(\.0))
            #expect(received.map { $0["from"] as? String } == Self.transitions.map(\.1.rawValue))
            #expect(received.map { $0["to"] as? String } == Self.transitions.map(\.2.rawValue))
            #expect(received.map { $0["reason"] as? String } == Self.transitions.indices.map { "step \($0)" })
            let seqs = received.compactMap { $0["seq"] as? Int }
            #expect(seqs == seqs.sorted() && Set(seqs).count == seqs.count)
            #expect(received[2]["at"] as? String == "2026-09-21T14:13:22.000Z")

            // A later subscriber starts from the state the transitions left.
            let later = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/events"), timeout: .seconds(30))
            var laterBody = later.body.makeAsyncIterator()
            var laterParser = ServerSentEventParser()
            let again = try await read(&laterBody, parser: &laterParser) { !$0.isEmpty }
            let state = try json(try #require(again.first))
            let now = try #require(state["breakers"] as? [[String: Any]])
            #expect(now.map { $0["state"] as? String } == ["closed", "open"])
            #expect((state["transitions"] as? [Any])?.count == Self.transitions.count)

            feed.finish()
            await feeding.value
            #expect(try await read(&body, parser: &parser) { _ in false }.isEmpty)
            #expect(try await read(&laterBody, parser: &laterParser) { _ in false }.isEmpty)
        }
    }
}
