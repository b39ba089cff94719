import AirmEngine
import Foundation

/// The fake's embedding vectors: deterministic, from a hash of the text (docs/providers.md
/// "The fake server").
///
/// The same text always gets the same unit-length vector, so a caller can check that its
/// inputs and outputs line up; different texts get different vectors.
enum FakeEmbedding {
    /// The length of a vector when the request asks for none.
    static let defaultDimensions = 64
    /// The longest vector the fake writes.
    static let maxDimensions = 4096

    /// The vector of `text`, `dimensions` long (at least 1), of length 1, components rounded to 6 places.
    static func vector(_ text: String, dimensions: Int?) -> [Double] {
        let count = min(max(dimensions ?? defaultDimensions, 1), maxDimensions)
        var random = SeededGenerator(seed: SeededGenerator.fnv1a(text))
        let raw = (0..<count).map { _ in random.nextUnit() * 2 - 1 }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { ($0 / max(norm, .leastNonzeroMagnitude) * 1e6).rounded() / 1e6 }
    }

    /// The vectors of every input of `call`, in order.
    static func vectors(_ call: FakeCall) -> [[Double]] {
        call.inputs.map { vector($0, dimensions: call.dimensions) }
    }

    /// `vector` as OpenAI's `base64` encoding: little-endian float32 bytes.
    static func base64(_ vector: [Double]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = Float(value).bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// A JSON array of the components.
    static func json(_ vector: [Double]) -> JSONValue {
        .array(vector.map(JSONValue.double))
    }

    /// Texts from a JSON input: one string, or a list of strings.
    static func texts(_ value: JSONValue?) -> [String]? {
        if let text = value?.string { return [text] }
        guard let items = value?.array, !items.isEmpty else { return nil }
        let texts = items.compactMap(\.string)
        return texts.count == items.count ? texts : nil
    }
}
