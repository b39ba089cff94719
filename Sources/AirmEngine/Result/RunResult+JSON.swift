import Foundation

/// The `airm-result/1` JSON form of a result: sorted keys, pretty-printed, slashes unescaped, so
/// the same result always encodes to the same bytes.
extension RunResult {
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> RunResult {
        try JSONDecoder().decode(RunResult.self, from: data)
    }
}
