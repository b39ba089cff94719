import Foundation
import Histogram
import Testing
@testable import AirmEngine

@Suite("HdrHistogram V2 encoding")
struct HistogramCodingTests {
    /// Lognormal-ish latencies in microseconds, from a fixed seed.
    static func latencies(_ count: Int, seed: UInt64) -> [UInt64] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let sample = LatencySampler(.lognormal(median: .milliseconds(400), p99: .seconds(3)))
            return UInt64(sample.sampleNanoseconds(using: &generator) / 1000)
        }
    }

    static func histogram(_ values: [UInt64]) -> LatencyHistogram<UInt64> {
        var histogram = LatencyHistogram<UInt64>()
        for value in values { histogram.record(nanoseconds: Int64(value) * 1000) }
        return histogram
    }

    static func buckets(_ histogram: Histogram<UInt64>) -> [[UInt64]] {
        histogram.recordedValues().map { [$0.value, $0.count] }
    }

    @Test("compressed and uncompressed encodings read back bucket for bucket")
    func roundTrip() throws {
        let original = Self.histogram(Self.latencies(5000, seed: 3)).histogram
        let plain = try HistogramCoding.decode(HistogramCoding.encode(original))
        let compressed = try HistogramCoding.decode(base64: HistogramCoding.base64(original))
        #expect(Self.buckets(plain) == Self.buckets(original))
        #expect(Self.buckets(compressed) == Self.buckets(original))
        #expect(compressed.totalCount == 5000)
        for percentile in [50.0, 90, 99, 99.9] {
            #expect(compressed.valueAtPercentile(percentile) == original.valueAtPercentile(percentile))
        }
        #expect(original.valuesAreEquivalent(compressed.maxRecorded, original.maxRecorded))
    }

    @Test("the header and payload are HdrHistogram's V2 layout")
    func layout() {
        var histogram = LatencyHistogram<UInt64>()
        histogram.record(nanoseconds: 1_000)
        histogram.record(nanoseconds: 1_000)
        histogram.record(nanoseconds: 4_000)
        let bytes = HistogramCoding.encode(histogram.histogram)
        #expect(Array(bytes[0..<4]) == [0x1c, 0x84, 0x93, 0x13])
        // Counts: index 0 is zero, index 1 holds 2, indexes 2 and 3 are zero, index 4 holds 1.
        // ZigZag: 0 → 0, 2 → 4, -2 → 3, 1 → 2.
        #expect(Array(bytes[4..<8]) == [0, 0, 0, 4])
        #expect(Array(bytes[12..<16]) == [0, 0, 0, 3])
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(Array(bytes[24..<32]) == [0, 0, 0, 0, 0xd6, 0x93, 0xa4, 0x00])
        #expect(Array(bytes[32..<40]) == [0x3f, 0xf0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[40...]) == [0, 4, 3, 2])
        let compressed = HistogramCoding.base64(histogram.histogram)
        #expect(compressed.hasPrefix("HISTFA"))
    }

    @Test("ZigZag LEB128 writes up to nine bytes and reads back", arguments: [
        Int64(0), 1, -1, 63, -64, 64, 300, -300, 1 << 40, Int64.max, Int64.min,
    ])
    func zigZag(_ value: Int64) {
        var bytes: [UInt8] = []
        HistogramCoding.ZigZag.put(value, into: &bytes)
        #expect(bytes.count <= 9)
        var reader = HistogramCoding.Reader(bytes: bytes)
        #expect(HistogramCoding.ZigZag.get(from: &reader) == value)
        #expect(reader.atEnd)
    }

    @Test("the index of a value and the value of an index agree with the histogram's buckets")
    func geometry() {
        let geometry = HistogramCoding.Geometry(lowest: 1, digits: 3)
        let histogram = LatencyHistogram<UInt64>().histogram
        for value: UInt64 in [0, 1, 2047, 2048, 2049, 4095, 4096, 123_456, 3_600_000_000] {
            let index = geometry.index(of: value)
            #expect(histogram.lowestEquivalentForValue(value) == geometry.value(at: index))
            #expect(histogram.highestEquivalentForValue(value) == geometry.value(at: index + 1) - 1)
        }
    }

    @Test("broken encodings are refused with a reason, never a crash", arguments: [
        "", "not base64!", "AAAA", "HISTFAAAACB4nJNpmSzMwMDAwgABTBCK",
    ])
    func refusesBroken(_ text: String) {
        #expect(throws: HistogramCoding.DecodingError.self) { try HistogramCoding.decode(base64: text) }
    }

    @Test("a payload whose length disagrees with its header is refused")
    func refusesTruncated() {
        var histogram = LatencyHistogram<UInt64>()
        histogram.record(nanoseconds: 5_000_000)
        let bytes = HistogramCoding.encode(histogram.histogram)
        #expect(throws: HistogramCoding.DecodingError.self) { try HistogramCoding.decode(Array(bytes.dropLast())) }
    }
}
