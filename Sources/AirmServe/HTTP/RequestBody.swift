import AirmHTTP
import Hummingbird

/// Reading request bodies within the body limit, and JSON objects field by field.
enum RequestBodyReader {
    /// The body as text, at most `limit` bytes (413 above it), UTF-8 (400 otherwise).
    static func text(_ request: Request, limit: Int) async throws -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "too_large", "the body is larger than \(limit) bytes")
        }
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
              text.utf8.count == buffer.readableBytes else {
            throw APIError.badRequest("the body is not UTF-8 text")
        }
        return text
    }

    /// The body as a JSON object; an empty body is an empty object when `emptyIsObject`.
    static func object(_ request: Request, limit: Int, emptyIsObject: Bool = false) async throws -> JSONObject {
        let text = try await text(request, limit: limit)
        if emptyIsObject, text.allSatisfy(\.isWhitespace) { return JSONObject([]) }
        guard let value = JSONValue.parse(text) else { throw APIError.badRequest("the body is not valid JSON") }
        guard case .object(let members) = value else { throw APIError.badRequest("the body must be a JSON object") }
        return JSONObject(members)
    }
}

/// A JSON object read field by field: wrong types and unknown keys are 400s naming the field.
struct JSONObject {
    private let members: [JSONValue.Member]

    init(_ members: [JSONValue.Member]) { self.members = members }

    /// Refuses keys outside `allowed`, and keys given twice.
    func only(_ allowed: [String]) throws {
        if let unknown = members.first(where: { !allowed.contains($0.key) }) {
            throw APIError.badRequest("unknown field `\(unknown.key)`; allowed: \(allowed.joined(separator: ", "))")
        }
        if Set(members.map(\.key)).count != members.count { throw APIError.badRequest("a field is given twice") }
    }

    /// The value of `key`; absent is `nil`, and `null` is refused like any other wrong type.
    private func value(_ key: String) throws -> JSONValue? {
        guard let value = members.first(where: { $0.key == key })?.value else { return nil }
        if value == .null { throw APIError.badRequest("`\(key)` may not be null; leave it out instead") }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = try value(key) else { return nil }
        guard case .string(let text) = value else { throw APIError.badRequest("`\(key)` must be a string") }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = try value(key) else { return nil }
        guard case .bool(let flag) = value else { throw APIError.badRequest("`\(key)` must be true or false") }
        return flag
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try value(key) else { return nil }
        let number: Int?
        switch value {
        case .int(let whole): number = whole
        case .double(let real): number = Int(exactly: real)
        default: number = nil
        }
        guard let number, range.contains(number) else {
            throw APIError.badRequest("`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

/// The query parameters a route takes.
enum QueryCheck {
    /// Refuses parameters outside `allowed`, and any given twice.
    static func only(_ request: Request, _ allowed: [String] = []) throws {
        var seen = Set<String>()
        for (key, _) in request.uri.queryParameters {
            let name = String(key)
            guard allowed.contains(name) else {
                throw APIError.badRequest(allowed.isEmpty ? "this route takes no query parameters"
                                          : "unknown query parameter; allowed: \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw APIError.badRequest("`\(name)` is given twice") }
        }
    }
}
