import Foundation
import Hummingbird

/// `text/event-stream` answers.
enum ServerSentEvents {
    /// A call's answer as events: `answer` with the call's JSON, then `done`.
    static func answer(_ json: ByteBuffer) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.readableBytes + 48)
        buffer.writeString("event: answer\ndata: ")
        buffer.writeImmutableBuffer(json)
        buffer.writeString("\n\nevent: done\ndata: {}\n\n")
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: buffer))
    }
}
