import Foundation
import Hummingbird

/// `text/event-stream` answers.
enum ServerSentEvents {
    /// A call's answer as events: `answer` with the call as JSON, then `done`.
    static func answer(_ payload: some Encodable) -> Response {
        let data = (try? JSONResponse.encoder.encode(payload)) ?? Data("{}".utf8)
        var buffer = ByteBuffer()
        buffer.writeString("event: answer\ndata: ")
        buffer.writeBytes(data)
        buffer.writeString("\n\nevent: done\ndata: {}\n\n")
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: buffer))
    }
}
