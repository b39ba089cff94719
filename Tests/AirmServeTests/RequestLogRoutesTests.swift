import AirmEngine
import AirmSpec
import AirmStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AirmServe

@Suite struct RequestLogRoutesTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Row `index`: a second apart, alternating gemini and openai; the last one failed under `outage`.
    static func row(_ index: Int) -> RequestRow {
        let failed = index == 5
        let provider = index.isMultiple(of: 2) ? "gemini" : "openai"
        return RequestRow(at: start.addingTimeInterval(Double(index)), provider: provider,
                          outcome: failed ? RequestOutcome.failed : .ok, attempts: failed ? 2 : 1,
                          latency: TimeSpan.milliseconds(250.5), fault: failed ? "outage" : nil)
    }

    private func application() async throws -> some ApplicationProtocol {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airm-serve-tests-\(UUID().uuidString)")
        let log = try RequestLog(path: directory.appendingPathComponent("requests.sqlite").path)
        try await log.insert((0..<6).map(Self.row))
        let router = Hummingbird.Router(context: ServeContext.self)
        router.add(middleware: ErrorMiddleware(routes: []))
        RequestLogRoutes.add(to: router, log: log)
        return Application(router: router)
    }

    private func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test func listsRequestsNewestFirstWithFilters() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/api/history/requests?limit=2", method: .get) { response in
                #expect(response.status == .ok)
                let rows = try #require(try json(response.body)["requests"] as? [[String: Any]])
                #expect(rows.map { $0["id"] as? Int } == [6, 5])
                #expect(rows[0]["outcome"] as? String == "failed")
                #expect(rows[0]["fault"] as? String == "outage")
                #expect(rows[0]["latency_ms"] as? Double == 250.5)
                #expect(rows[0]["at"] as? String == "2026-09-21T14:13:25.000Z")
                #expect(rows[0]["prompt"] == nil)
            }
            try await client.execute(uri: "/api/history/requests?provider=gemini&outcome=ok", method: .get) { response in
                let rows = try #require(try json(response.body)["requests"] as? [[String: Any]])
                #expect(rows.map { $0["id"] as? Int } == [5, 3, 1])
            }
            try await client.execute(uri: "/api/history/requests?since=2026-09-21T14:13:24Z", method: .get) { response in
                let rows = try #require(try json(response.body)["requests"] as? [[String: Any]])
                #expect(rows.map { $0["id"] as? Int } == [6, 5])
            }
            try await client.execute(uri: "/api/history/requests?since=1790000004.5", method: .get) { response in
                let rows = try #require(try json(response.body)["requests"] as? [[String: Any]])
                #expect(rows.map { $0["id"] as? Int } == [6])
            }
        }
    }

    @Test(arguments: ["limit=-1", "limit=ten", "outcome=great", "since=yesterday", "limit=1001", "since=", "outcome=", "color=blue", "limit=1&limit=2"])
    func refusesAMalformedQuery(query: String) async throws {
        // The query is read before the log, so no file is needed to refuse it.
        let router = Hummingbird.Router(context: ServeContext.self)
        router.add(middleware: ErrorMiddleware(routes: []))
        RequestLogRoutes.add(to: router, log: nil)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/history/requests?" + query, method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == "bad_request")
            }
        }
    }

    @Test func statsGiveRowsBytesOldestAndNewest() async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: "/api/database/stats", method: .get) { response in
                #expect(response.status == .ok)
                let stats = try json(response.body)
                #expect(stats["rows"] as? Int == 6)
                #expect((stats["bytes"] as? Int ?? 0) > 0)
                #expect(stats["oldest"] as? String == "2026-09-21T14:13:20.000Z")
                #expect(stats["newest"] as? String == "2026-09-21T14:13:25.000Z")
            }
        }
    }

    @Test func answers404WithoutALog() async throws {
        let router = Hummingbird.Router(context: ServeContext.self)
        router.add(middleware: ErrorMiddleware(routes: []))
        RequestLogRoutes.add(to: router, log: nil)
        try await Application(router: router).test(.router) { client in
            for uri in ["/api/history/requests", "/api/database/stats"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                }
            }
        }
    }
}

@Suite struct QueryTimeTests {
    @Test(arguments: [
        ("2026-09-21T14:13:20Z", 1_790_000_000.0), ("2026-09-21T14:13:20.250Z", 1_790_000_000.25),
        ("2026-09-21T16:13:20+02:00", 1_790_000_000), ("2026-09-21t14:13:20z", 1_790_000_000),
        ("2026-09-21T14:13:20.123456+00:00", 1_790_000_000.123), ("1790000000", 1_790_000_000), ("-1.5", -1.5),
    ])
    func readsRFC3339AndUnixSeconds(text: String, seconds: Double) throws {
        let date = try #require(JSONResponse.date(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001)
    }

    @Test(arguments: ["yesterday", "2026-09-21", "14:13:20", "nan", "inf", ""])
    func refusesOtherText(text: String) {
        #expect(JSONResponse.date(text) == nil)
    }

    @Test func aTimeNoClockGivesSelectsNothingAndDoesNotTrap() async throws {
        let log = try RequestLog(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("airm-serve-tests-\(UUID().uuidString)/requests.sqlite").path)
        try await log.insert([RequestLogRoutesTests.row(0)])
        #expect(try await log.requests(.init(since: Date(timeIntervalSince1970: 1e300))).isEmpty)
        #expect(try await log.requests(.init(since: Date(timeIntervalSince1970: -1e300))).count == 1)
    }
}
