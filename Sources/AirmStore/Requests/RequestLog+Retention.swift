import AirmEngine
import AirmSpec

extension RequestLog {
    /// How much of the log is kept: rows younger than `maxAge`, and at most `maxRows` of the
    /// newest (`--log-retention`, `--log-max-rows`). `nil` keeps everything in that respect.
    public struct Retention: Sendable, Hashable {
        public var maxAge: TimeSpan?
        public var maxRows: Int?

        public init(maxAge: TimeSpan? = nil, maxRows: Int? = nil) {
            self.maxAge = maxAge
            self.maxRows = maxRows
        }

        /// What `airm serve` keeps unless told otherwise: seven days.
        public static let standard = Retention(maxAge: .seconds(7 * 86_400))

        /// A `--log-retention` value: a duration in days (`7d`) or in the experiment format's
        /// units (`12h`, `30m`).
        public static func age(_ text: String) -> Result<TimeSpan, UnitError> {
            let refused = UnitError("`\(text)` is not a retention", hint: "write e.g. `7d`, `12h` or `30m`")
            guard text.hasSuffix("d") else { return UnitParser.duration(text).mapError { _ in refused } }
            guard let days = UnitParser.number(String(text.dropLast())), days >= 0 else { return .failure(refused) }
            return UnitParser.duration("\(days * 24)h").mapError { _ in refused }
        }
    }
}
