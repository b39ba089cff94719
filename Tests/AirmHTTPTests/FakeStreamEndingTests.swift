import AirmHTTP
import AirmSpec
import Foundation
import Testing

/// The three endings of a `stream_cut` on the wire, read over a plain TCP socket: a clean end of
/// the body, part of an event then a closed connection, or a TCP reset.
@Suite struct FakeStreamEndingTests {
    static let streamedChat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true}"#
    /// The last chunk of a chunked body.
    static let lastChunk = Array("0\r\n\r\n".utf8)

    static func cut(_ ending: String, _ at: String = #""after_tokens":2"#) -> String {
        #"{"type":"stream_cut","target":"*",\#(at),"ending":"\#(ending)"}"#
    }

    @Test func aCleanEndFinishesTheBodyBeforeTheFinalEvent() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: Self.cut("clean"))
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            let text = String(decoding: read.bytes, as: UTF8.self)
            #expect(!read.reset)
            #expect(read.bytes.suffix(5).elementsEqual(Self.lastChunk), "\(text)")
            #expect(text.contains(#""content":" is""#))
            #expect(!text.contains("finish_reason\":\"") && !text.contains("[DONE]"))
        }
    }

    @Test func aTruncatedEndSendsPartOfTheNextEventThenCloses() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: Self.cut("truncated"))
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            let text = String(decoding: read.bytes, as: UTF8.self)
            #expect(!read.reset)
            #expect(!read.bytes.suffix(5).elementsEqual(Self.lastChunk), "\(text)")
            #expect(text.contains(#""content":" is""#))
            let lastData = try #require(text.components(separatedBy: "data: ").last)
            #expect(!lastData.contains("\n\n"), "the last event must be cut short: \(lastData)")
            #expect(!text.contains(#""content":" a""#))
        }
    }

    @Test func aResetEndIsATCPReset() async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: Self.cut("reset"))
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            #expect(read.reset)
            #expect(String(decoding: read.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test(arguments: ["clean", "truncated", "reset"])
    func aTimedCutEndsNoSoonerThanItsAfter(_ ending: String) async throws {
        try await withFakeServer { port, http in
            _ = try await raw(http, port: port, "/_airm/faults", body: Self.cut(ending, #""after":"300ms""#))
            let started = ContinuousClock.now
            let read = await RawSocket.exchange(port: port, body: Self.streamedChat)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(read.reset == (ending == "reset"))
            #expect(!String(decoding: read.bytes, as: UTF8.self).contains("[DONE]"))
        }
    }

    @Test func anUnknownEndingIsRefusedWithItsChoices() async throws {
        try await withFakeServer { port, http in
            let refused = try await raw(http, port: port, "/_airm/faults", body: Self.cut("gentle"))
            #expect(refused.status == 400)
            #expect(refused.text.contains("ending"))
        }
    }
}
