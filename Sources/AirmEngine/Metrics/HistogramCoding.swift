import Histogram

/// HdrHistogram's standard V2 encoding of a histogram, as every HdrHistogram implementation
/// (Java, C, Go, Rust, JavaScript) reads and writes it (docs/result-format.md "histograms").
///
/// The uncompressed form is a 40-byte big-endian header (cookie `0x1c849313`, payload length,
/// normalizing index offset 0, significant digits, lowest and highest trackable values, and the
/// integer-to-double ratio 1.0) followed by the counts array up to the last non-zero count, each
/// count ZigZag LEB128-encoded and every run of two or more zeros written as its negated length.
/// The compressed form (`HistogramCoding+Deflate.swift`) wraps it.
public enum HistogramCoding {
    /// V2 cookies as written: the base with word size 9 (`| 0x10`); readers mask those bits off.
    static let cookie: UInt32 = 0x1c84_9303 | 0x10
    static let compressedCookie: UInt32 = 0x1c84_9304 | 0x10
    static let headerSize = 40

    /// Why an encoded histogram could not be read.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    // MARK: - Encoding

    /// The uncompressed V2 encoding of `histogram`.
    public static func encode<Count>(_ histogram: Histogram<Count>) -> [UInt8] {
        let geometry = Geometry(lowest: histogram.lowestDiscernibleValue,
                                digits: Int(histogram.numberOfSignificantValueDigits.rawValue))
        var payload: [UInt8] = []
        var next = 0
        for step in histogram.recordedValues() {
            let index = geometry.index(of: step.value)
            let zeros = index - next
            if zeros == 1 { ZigZag.put(0, into: &payload) }
            if zeros > 1 { ZigZag.put(-Int64(zeros), into: &payload) }
            ZigZag.put(Int64(truncatingIfNeeded: step.count), into: &payload)
            next = index + 1
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + payload.count)
        append(cookie, to: &bytes)
        append(UInt32(payload.count), to: &bytes)
        append(UInt32(0), to: &bytes)
        append(UInt32(histogram.numberOfSignificantValueDigits.rawValue), to: &bytes)
        append(histogram.lowestDiscernibleValue, to: &bytes)
        append(histogram.highestTrackableValue, to: &bytes)
        append(Double(1).bitPattern, to: &bytes)
        return bytes + payload
    }

    // MARK: - Decoding

    /// The histogram an uncompressed V2 encoding holds. Each count is recorded at the top of its
    /// bucket, so percentiles read as they did and the maximum reads to the histogram's precision.
    public static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Histogram<UInt64> {
        var reader = Reader(bytes: bytes)
        guard let cookie = reader.uint32(), cookie & ~0xf0 == Self.cookie & ~0xf0 else {
            throw DecodingError(reason: "not an HdrHistogram V2 encoding (wrong cookie)")
        }
        guard let length = reader.uint32(), let offset = reader.uint32(), let digits = reader.uint32(),
              let lowest = reader.uint64(), let highest = reader.uint64(), reader.uint64() != nil else {
            throw DecodingError(reason: "the histogram's header is cut short")
        }
        guard offset == 0 else { throw DecodingError(reason: "a normalizing index offset is not supported") }
        guard let significant = SignificantDigits(rawValue: Int8(clamping: digits)), lowest >= 1,
              lowest <= UInt64.max / 4, highest >= 2 * lowest else {
            throw DecodingError(reason: "the histogram's header is out of range")
        }
        guard Int(length) == bytes.count - headerSize else {
            throw DecodingError(reason: "the payload holds \(bytes.count - headerSize) bytes, the header says \(length)")
        }
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest,
                                          numberOfSignificantValueDigits: significant)
        let geometry = Geometry(lowest: lowest, digits: Int(digits))
        var index = 0
        while !reader.atEnd {
            guard let value = ZigZag.get(from: &reader) else { throw DecodingError(reason: "a count is cut short") }
            if value < 0 {
                guard value > -Int64(Int32.max) else { throw DecodingError(reason: "a run of zeros is out of range") }
                index += Int(-value)
                continue
            }
            if value > 0 {
                // The top of the bucket, as HdrHistogram reads a maximum back.
                let at = min(geometry.value(at: index + 1) - 1, highest)
                guard geometry.index(of: at) == index, histogram.record(at, count: UInt64(value)) else {
                    throw DecodingError(reason: "a count lies above the highest trackable value")
                }
            }
            index += 1
        }
        return histogram
    }

    // MARK: - Bytes

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Reads big-endian integers and bytes from the front of an encoding.
    struct Reader {
        let bytes: [UInt8]
        var position = 0

        var atEnd: Bool { position >= bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func uint32() -> UInt32? { integer(4).map { UInt32($0) } }
        mutating func uint64() -> UInt64? { integer(8) }

        private mutating func integer(_ size: Int) -> UInt64? {
            guard position + size <= bytes.count else { return nil }
            defer { position += size }
            return bytes[position..<position + size].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
