import Testing
@testable import AirmStore

@Suite struct PostgresURLTests {
    @Test func readsEveryPart() throws {
        let url = try PostgresURL("postgres://team:s3cr%40t@db.example:6543/airm_history?sslmode=disable")
        #expect(url.username == "team")
        #expect(url.password == "s3cr@t")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "airm_history")
        #expect(url.description == "postgres://team:***@db.example:6543/airm_history")
    }

    @Test func defaultsPortAndDatabaseAndTakesPGPASSWORD() throws {
        let url = try PostgresURL("postgresql://ci@127.0.0.1", environmentPassword: "from-env")
        #expect(url.port == 5432)
        #expect(url.database == "ci")
        #expect(url.password == "from-env")
        #expect(url.description == "postgres://ci:***@127.0.0.1:5432/ci")
        #expect(try PostgresURL("postgres://ci@127.0.0.1/db").description == "postgres://ci@127.0.0.1:5432/db")
    }

    @Test(arguments: [
        "postgres://:pw@host/db", "postgres://user:pw@/db", "postgres://user:pw@host/db?sslmode=require",
        "postgres://user:pw@host/db?application_name=x", "postgres://user:pw@host/a/b",
    ])
    func refusesWhatItCannotUseWithoutShowingThePassword(_ text: String) {
        #expect(throws: HistoryError.self) { try PostgresURL(text) }
        do {
            _ = try PostgresURL(text)
        } catch {
            #expect(!error.description.contains("pw"))
            #expect(error.description.contains("history location"))
        }
    }

    @Test func scrubsThePasswordRawAndEncoded() throws {
        let url = try PostgresURL("postgres://u:p%2Fss@h/d")
        #expect(url.scrub("login p/ss failed, p%2Fss") == "login *** failed, ***")
        #expect(PostgresURL.redact("postgres://u:secret@h:1/d") == "postgres://u:***@h:1/d")
        #expect(PostgresURL.redact("postgres://u@h/d") == "postgres://u@h/d")
    }

    @Test func aLocationIsAFileUnlessItIsAPostgresURL() throws {
        #expect(try HistoryLocation("h.sqlite", resolve: { "/work/" + $0 }) == .file(path: "/work/h.sqlite"))
        let location = try HistoryLocation("postgres://u:pw@h/d")
        #expect(location.description == "postgres://u:***@h:5432/d")
    }
}
