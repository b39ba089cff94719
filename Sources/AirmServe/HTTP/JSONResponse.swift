import AirmSpec
import Foundation
import Hummingbird

/// JSON answers: snake_case keys, sorted, so the same state gives the same bytes.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"status":500,"code":"internal","message":"unencodable answer"}}"#.utf8)
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return make(json: buffer, status: status)
    }

    /// An answer of JSON already written, as `make` writes it: with a final line break.
    static func make(json: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = json
        buffer.writeString("\n")
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Milliseconds, rounded to the microsecond, as answers give durations.
    static func milliseconds(_ span: TimeSpan) -> Double {
        (span.milliseconds * 1000).rounded() / 1000
    }
}
