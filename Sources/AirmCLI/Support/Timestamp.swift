import Foundation

/// Run start times: `--timestamp`, else `SOURCE_DATE_EPOCH`, else the world's clock.
enum Timestamp {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        // A local time without zone is read as UTC.
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.date(from: text)
    }

    /// The start time to stamp on results, as `2026-11-28T10:00:00Z`.
    static func start(option: String?, in world: World) -> String {
        let date: Date
        if let option, let parsed = parse(option) {
            date = parsed
        } else if let epoch = world.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            date = Date(timeIntervalSince1970: epoch)
        } else {
            date = world.now()
        }
        return format(date)
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
