import Foundation
import Testing

/// `--history` and `AIRM_HISTORY_URL` choose the history; a server that is not there is exit 3
/// after the reports, and no message holds the password.
@Suite struct HistoryLocationCLITests {
    let example = CLIHarness.repositoryRoot + "/experiments/gemini-outage.yaml"

    /// A loopback URL where nothing listens (port 1), with a password that must never be printed.
    let unreachable = "postgres://ci:Sw0rdfish-77@127.0.0.1:1/airm"

    @Test func anUnreachableServerIsExit3AfterTheReportsWithoutThePassword() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(["run", "--out", "\(work)/out", "--history", unreachable, example], in: work)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("cannot reach the history database at 127.0.0.1:1 "
                                       + "(postgres://ci:***@127.0.0.1:1/airm)"), "\(result.stderr)")
        #expect(result.stderr.contains("reports were written"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("Sw0rdfish"))
        #expect(FileManager.default.fileExists(atPath: "\(work)/out/gemini-outage.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(work)/.airm"))
    }

    @Test func theEnvironmentVariableNamesTheHistoryForEveryCommand() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let environment = ["AIRM_HISTORY_URL": unreachable]
        for arguments in [["history"], ["compare"], ["run", "--out", "\(work)/out", example]] {
            let result = await CLIHarness.run(arguments, in: work, environment: environment)
            #expect(result.exitCode == 3, "\(arguments)")
            #expect(result.stderr.contains("postgres://ci:***@127.0.0.1:1/airm"), "\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("Sw0rdfish"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(work)/.airm"))
    }

    @Test func historyWinsOverTheEnvironmentVariable() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let environment = ["AIRM_HISTORY_URL": unreachable]
        let run = await CLIHarness.run(["run", "--out", "\(work)/out", "--history", "h.sqlite", example],
                                       in: work, environment: environment)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let listing = await CLIHarness.run(["history", "--history", "h.sqlite"], in: work, environment: environment)
        #expect(listing.exitCode == 0)
        #expect(listing.stdout.contains("gemini-outage"))
    }

    @Test func anUnusableURLSaysWhatToChangeWithoutThePassword() async throws {
        let work = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let result = await CLIHarness.run(
            ["history", "--history", "postgresql://ci:Sw0rdfish-77@db.example/airm?sslmode=verify-full"], in: work)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("sslmode=verify-full is not supported"), "\(result.stderr)")
        #expect(result.stderr.contains("postgresql://ci:***@db.example/airm"), "\(result.stderr)")
        #expect(!result.stderr.contains("Sw0rdfish"))
    }
}
