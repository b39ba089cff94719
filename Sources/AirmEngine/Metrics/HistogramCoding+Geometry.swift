/// The layout of an HDR histogram's counts array, as every HdrHistogram implementation computes it.
extension HistogramCoding {
    /// Maps values to counts-array indexes and back for given lowest value and significant digits.
    struct Geometry: Sendable, Hashable {
        let unitMagnitude: Int
        let subBucketHalfCountMagnitude: Int
        let subBucketCountMagnitude: Int

        init(lowest: UInt64, digits: Int) {
            unitMagnitude = 63 - lowest.leadingZeroBitCount
            var largest: UInt64 = 2
            for _ in 0..<digits { largest *= 10 }
            // The smallest power of two at or above `largest`.
            let magnitude = 64 - (largest - 1).leadingZeroBitCount
            subBucketCountMagnitude = magnitude
            subBucketHalfCountMagnitude = max(magnitude, 1) - 1
        }

        var subBucketHalfCount: Int { 1 << subBucketHalfCountMagnitude }

        /// The counts-array index `value` is counted at.
        func index(of value: UInt64) -> Int {
            let mask = UInt64((1 << subBucketCountMagnitude) - 1) << unitMagnitude
            let bucket = 64 - unitMagnitude - subBucketCountMagnitude - (value | mask).leadingZeroBitCount
            let subBucket = Int(value >> UInt64(bucket + unitMagnitude))
            return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
        }

        /// The lowest value counted at `index`.
        func value(at index: Int) -> UInt64 {
            var bucket = (index >> subBucketHalfCountMagnitude) - 1
            var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
            if bucket < 0 {
                subBucket -= subBucketHalfCount
                bucket = 0
            }
            return UInt64(subBucket) << UInt64(bucket + unitMagnitude)
        }
    }

    /// ZigZag LEB128 as HdrHistogram writes it: seven bits a byte for eight bytes, then a ninth
    /// byte with the last eight bits, so any 64-bit value fits in nine bytes.
    enum ZigZag {
        static func put(_ value: Int64, into bytes: inout [UInt8]) {
            var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
            for _ in 0..<8 {
                if rest >> 7 == 0 {
                    bytes.append(UInt8(rest))
                    return
                }
                bytes.append(UInt8(rest & 0x7f) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        static func get(from reader: inout Reader) -> Int64? {
            var raw: UInt64 = 0
            for group in 0..<8 {
                guard let byte = reader.byte() else { return nil }
                raw |= UInt64(byte & 0x7f) << UInt64(7 * group)
                if byte & 0x80 == 0 { return decoded(raw) }
            }
            guard let last = reader.byte() else { return nil }
            raw |= UInt64(last) << 56
            return decoded(raw)
        }

        private static func decoded(_ raw: UInt64) -> Int64 {
            Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        }
    }
}
