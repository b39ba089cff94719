import Foundation
import Logging
import PostgresNIO
import Testing
@testable import AirmStore

/// A server that is not there, refuses the login or goes away: a `HistoryError` that says what
/// to do, and never the password.
@Suite struct PostgresFailureTests {
    /// A loopback port nothing listens on: bound by this process, then closed.
    private func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                guard bind(descriptor, socketAddress, length) == 0,
                      getsockname(descriptor, socketAddress, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        let port = try closedPort()
        let url = try PostgresURL("postgres://team:Hunter2-secret@127.0.0.1:\(port)/history")
        let error = try #require(await PostgresTestServer.failure { () async throws(HistoryError) in
            _ = try await PostgresHistoryStore(url: url, connectTimeout: .seconds(5))
        })
        guard case .unreachable(_, let address, _) = error else { Issue.record("\(error)"); return }
        #expect(address == "127.0.0.1:\(port)")
        #expect(error.description.hasPrefix("cannot reach the history database at 127.0.0.1:\(port) "
                                            + "(postgres://team:***@127.0.0.1:\(port)/history)"))
        #expect(error.description.contains("--no-history"))
        #expect(!error.description.contains("Hunter2"))
    }

    @Test(.enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.skipReason))
    func aWrongPasswordIsAnAuthenticationErrorWithoutThePassword() async throws {
        var url = try PostgresTestServer.url()
        url.password = "Wrong-Pa55word-xyz"
        let error = try #require(await PostgresTestServer.failure { () async throws(HistoryError) in _ = try await PostgresHistoryStore(url: url) })
        guard case .authentication = error else { Issue.record("\(error)"); return }
        #expect(error.description.contains("password authentication failed"))
        #expect(!error.description.contains("Wrong-Pa55word-xyz"))
        #expect(error.description.contains(":***@"))
    }

    @Test(.enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.skipReason))
    func aServerThatGoesAwayWhileInUseIsAConnectionLost() async throws {
        let url = try await PostgresTestServer.freshDatabase()
        let store = try await PostgresHistoryStore(url: url)
        let pid = try await store.connection.query("SELECT pg_backend_pid()", logger: store.logger)
            .collect().first?.decode(Int32.self)
        try await PostgresTestServer.withConnection(to: url) { connection, logger in
            let terminated = try await connection.query("SELECT pg_terminate_backend(\(pid), 5000)", logger: logger)
                .collect().first?.decode(Bool.self)
            #expect(terminated == true)
        }
        let error = try #require(await PostgresTestServer.failure { () async throws(HistoryError) in try await store.record(Fixtures.result(), gitCommit: nil) })
        if case .connectionLost = error {} else { Issue.record("\(error)") }
        #expect(error.description.hasPrefix("lost the connection to the history database \(url.description)"))
        #expect(!error.description.contains(try PostgresTestServer.url().password ?? "\u{0}"))
        await store.close()
        await PostgresTestServer.drop(url)
    }
}
