import AirmEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import AirmServe

@Suite struct DashboardRoutesTests {
    private func page() async throws -> (HTTPFields, String) {
        let router = Hummingbird.Router()
        DashboardRoutes.add(to: router)
        return try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                return (response.headers, String(buffer: response.body))
            }
        }
    }

    @Test func servesOneSelfContainedPage() async throws {
        let (headers, html) = try await page()
        #expect(headers[.contentType] == "text/html; charset=utf-8")
        #expect(headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        #expect(html.hasPrefix("<!doctype html>"))
        // Nothing is loaded from elsewhere: no absolute URL, no external script, style or image.
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.range(of: #"(src|href)="(/|[a-z]+:)"#, options: .regularExpression) == nil)
        #expect(!html.contains("<link"))
    }

    @Test func callsOnlyRelativeURLs() async throws {
        let (_, html) = try await page()
        #expect(html.contains(#"new EventSource("events")"#))
        for path in ["\"chaos/inject\"", "\"chaos/stop\"", "\"automation/start\"", "\"automation/stop\"", "\"circuit-breaker/\""] {
            #expect(html.contains(path), "\(path)")
        }
        #expect(html.contains("Authorization=\"Bearer \"+tokenInput.value"))
    }

    @Test func offersEveryFaultTypeAndTheReportsStyle() async throws {
        let (_, html) = try await page()
        for name in FaultTypes.all.typeNames {
            #expect(html.contains(#"{"keys":"#) && html.contains(#""name":"\#(name)""#), "\(name)")
        }
        #expect(html.contains(".s-half_open{fill:var(--half)"))
    }
}
