import NIOCore

/// A flat JSON object written straight into a `ByteBuffer`, byte for byte as `JSONResponse.encoder`
/// writes it: for answers on the `/ai` path, where encoding through `JSONEncoder` cost more than
/// the rest of the answer (docs/serve.md "Performance").
///
/// The caller adds the fields in the order of their keys, already in snake case, as the encoder
/// sorts them; a `nil` value leaves its field out, as the encoder does.
struct JSONObjectWriter {
    private(set) var buffer: ByteBuffer
    private var empty = true

    init(capacity: Int = 256) {
        buffer = ByteBuffer()
        buffer.reserveCapacity(capacity)
        buffer.writeInteger(UInt8(ascii: "{"))
    }

    mutating func field(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        Self.write(string: value, into: &buffer)
    }

    mutating func field(_ key: StaticString, _ value: some BinaryInteger) {
        self.key(key)
        buffer.writeString(String(value))
    }

    /// A finite number, in the shortest form that reads back the same, without a trailing `.0`.
    mutating func field(_ key: StaticString, _ value: Double) {
        self.key(key)
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    /// The object, closed.
    mutating func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    private mutating func key(_ key: StaticString) {
        if !empty { buffer.writeInteger(UInt8(ascii: ",")) }
        empty = false
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(key)
        buffer.writeStaticString("\":")
    }

    /// `text` as a JSON string: quotes and backslashes escaped, control characters as `\n`-style
    /// or `\u00XX` escapes, everything else (slashes and non-ASCII included) as its UTF-8 bytes.
    static func write(string text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0C: buffer.writeStaticString("\\f")
                case 0x0D: buffer.writeStaticString("\\r")
                default:
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0xF)])
                }
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
