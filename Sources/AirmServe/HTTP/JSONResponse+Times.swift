import Foundation

extension JSONResponse {
    /// A wall-clock time as answers give it: ISO 8601 in UTC with milliseconds,
    /// `2026-12-01T10:15:20.093Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A time as a query gives it: an RFC 3339 date-time (`2026-12-01T10:15:20Z`,
    /// `2026-12-01T11:15:20.5+01:00`), or Unix seconds.
    static func date(_ text: String) -> Date? {
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        let upper = text.uppercased()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: upper) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: upper)
    }
}
