import CZlib
import Foundation
import Histogram

/// HdrHistogram's compressed V2 encoding, the form the result JSON carries in base64
/// (docs/result-format.md "histograms"): cookie `0x1c849314`, the deflated length, then the
/// uncompressed V2 encoding deflated with zlib (RFC 1950), as Java's `Deflater` writes it.
extension HistogramCoding {
    /// The largest uncompressed encoding accepted when reading: far above any histogram airm keeps.
    static let inflatedLimit = 64 << 20

    /// The compressed V2 encoding of `histogram`, in base64.
    public static func base64<Count>(_ histogram: Histogram<Count>) -> String {
        Data(compressed(histogram)).base64EncodedString()
    }

    /// The histogram a base64 compressed (or uncompressed) V2 encoding holds.
    public static func decode(base64 text: String) throws(DecodingError) -> Histogram<UInt64> {
        guard let data = Data(base64Encoded: text) else { throw DecodingError(reason: "not base64") }
        return try decodeAny([UInt8](data))
    }

    /// The compressed V2 encoding of `histogram`.
    public static func compressed<Count>(_ histogram: Histogram<Count>) -> [UInt8] {
        let plain = encode(histogram)
        var bound = compressBound(uLong(plain.count))
        var deflated = [UInt8](repeating: 0, count: Int(bound))
        let status = deflated.withUnsafeMutableBufferPointer { out in
            plain.withUnsafeBufferPointer { compress2(out.baseAddress, &bound, $0.baseAddress, uLong(plain.count), Z_BEST_COMPRESSION) }
        }
        // compress2 only fails without memory or with a buffer below compressBound.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        var bytes: [UInt8] = []
        append(compressedCookie, to: &bytes)
        append(UInt32(bound), to: &bytes)
        return bytes + deflated.prefix(Int(bound))
    }

    /// Reads either V2 form, telling them apart by the cookie.
    public static func decodeAny(_ bytes: [UInt8]) throws(DecodingError) -> Histogram<UInt64> {
        var reader = Reader(bytes: bytes)
        guard let cookie = reader.uint32() else { throw DecodingError(reason: "the histogram is empty") }
        if cookie & ~0xf0 == Self.cookie & ~0xf0 { return try decode(bytes) }
        guard cookie & ~0xf0 == compressedCookie & ~0xf0 else {
            throw DecodingError(reason: "not an HdrHistogram V2 encoding (wrong cookie)")
        }
        guard let length = reader.uint32(), Int(length) == bytes.count - 8 else {
            throw DecodingError(reason: "the compressed length does not match the bytes given")
        }
        return try decode(inflate(Array(bytes[8...])))
    }

    /// Inflates a zlib stream, growing the buffer until it fits, up to `inflatedLimit`.
    static func inflate(_ deflated: [UInt8]) throws(DecodingError) -> [UInt8] {
        var capacity = max(1024, deflated.count * 8)
        while capacity <= inflatedLimit {
            var size = uLongf(capacity)
            var out = [UInt8](repeating: 0, count: capacity)
            let status = out.withUnsafeMutableBufferPointer { buffer in
                deflated.withUnsafeBufferPointer { uncompress(buffer.baseAddress, &size, $0.baseAddress, uLong(deflated.count)) }
            }
            switch status {
            case Z_OK: return Array(out.prefix(Int(size)))
            case Z_BUF_ERROR: capacity *= 4
            default: throw DecodingError(reason: "the compressed histogram is corrupt (zlib \(status))")
            }
        }
        throw DecodingError(reason: "the histogram inflates past \(inflatedLimit >> 20) MB")
    }
}
