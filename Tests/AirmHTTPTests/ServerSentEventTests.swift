import AirmHTTP
import Testing

@Suite struct ServerSentEventTests {
    @Test func framesWithOneSpaceAndABlankLine() {
        let event = ServerSentEvent(event: "content-delta", data: #"{"a":1}"#)
        #expect(String(decoding: event.framed, as: UTF8.self) == "event: content-delta\ndata: {\"a\":1}\n\n")
        #expect(String(decoding: ServerSentEvent(data: "[DONE]").framed, as: UTF8.self) == "data: [DONE]\n\n")
    }

    @Test func parsesAcrossArbitraryChunkBoundaries() {
        let stream = Array("event: a\r\ndata: 1\r\n\r\n: keep-alive\n\ndata:2\ndata:  3\n\ndata: tail".utf8)
        for split in 0...stream.count {
            var parser = ServerSentEventParser()
            let events = parser.feed(stream[..<split]) + parser.feed(stream[split...])
            #expect(events == [ServerSentEvent(event: "a", data: "1"), ServerSentEvent(data: "2\n 3")])
            #expect(parser.hasPartialEvent)
        }
    }

    @Test func ignoresCommentsAndEventsWithoutData() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array(": ping\n\nevent: x\n\nid: 3\n\n".utf8)).isEmpty)
    }
}
