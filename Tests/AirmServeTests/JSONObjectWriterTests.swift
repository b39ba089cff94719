import AirmEngine
import AirmSpec
import Foundation
import NIOCore
import Testing
@testable import AirmServe

/// The `/ai` answer written by hand is byte for byte what `JSONResponse.encoder` makes of it.
@Suite struct JSONObjectWriterTests {
    private func record(answer: String?, fault: String? = nil, provider: String? = "openai", nanoseconds: Int64 = 412_345,
                        outcome: RequestOutcome = .ok, id: UInt64 = 7) -> CallRecord {
        CallRecord(id: id, source: .api, requested: nil, provider: provider, outcome: outcome, attempts: 2,
                   latency: TimeSpan(nanoseconds: nanoseconds), failure: nil, fault: fault, prompt: "hi", answer: answer)
    }

    private func expectSameAsEncoder(_ record: CallRecord, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let payload = CallPayload(record)
        let encoded = try JSONResponse.encoder.encode(payload)
        var written = payload.json
        let bytes = written.readBytes(length: written.readableBytes) ?? []
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: encoded, as: UTF8.self), sourceLocation: sourceLocation)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], sourceLocation: sourceLocation)
        #expect(object["answer"] as? String == record.answer, sourceLocation: sourceLocation)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() throws {
        try expectSameAsEncoder(record(answer: #"She said "hi" \ and left / went"#))
        try expectSameAsEncoder(record(answer: String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}"))
        try expectSameAsEncoder(record(answer: "line\nbreak\r\ttab\u{8}\u{C}end\\"))
        try expectSameAsEncoder(record(answer: "\"\"\\\\\u{0}"))
    }

    @Test func keepsUnicodeAsUTF8() throws {
        try expectSameAsEncoder(record(answer: "café, 東京, 🙂, e\u{301}, \u{2028}\u{2029}, \u{FEFF}"))
        try expectSameAsEncoder(record(answer: ""))
    }

    @Test func leavesOutMissingFields() throws {
        try expectSameAsEncoder(record(answer: nil, provider: nil, outcome: .failed))
        try expectSameAsEncoder(record(answer: "fallback text", fault: "outage \"1\"", outcome: .degraded))
    }

    @Test func writesNumbersAsTheEncoderDoes() throws {
        for nanoseconds: Int64 in [0, 1, 499, 500, 1_000, 10_000, 100_000, 1_000_000, 12_500_000, 999_999_999, 3_600_000_000_000,
                                   86_400_123_456_789] {
            try expectSameAsEncoder(record(answer: "a", nanoseconds: nanoseconds, id: UInt64(nanoseconds) + 1))
        }
        try expectSameAsEncoder(record(answer: "a", id: .max))
    }
}
