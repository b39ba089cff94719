import Foundation

extension JSONResponse {
    /// A wall-clock time as answers give it: ISO 8601 in UTC with milliseconds,
    /// `2026-12-01T10:15:20.093Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A time as a query gives it: ISO 8601, with or without fractional seconds, or Unix seconds.
    static func date(_ text: String) -> Date? {
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
