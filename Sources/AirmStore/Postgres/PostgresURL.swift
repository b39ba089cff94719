import Foundation

/// A `postgres://user[:password]@host[:port]/database[?sslmode=disable]` history location
/// (docs/history.md "PostgreSQL for teams").
///
/// `description` is the redacted form, `postgres://user:***@host:5432/db`: the password never
/// reaches output through it, and `scrub(_:)` removes it from any other text.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// The only `sslmode` airm speaks: a plain connection, meant for loopback or a tunnel.
    public static let supportedSSLModes = ["disable"]

    /// Whether `text` names a PostgreSQL server rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; `environmentPassword` (`PGPASSWORD`) is used when the URL has no password.
    ///
    /// - Throws: `HistoryError.invalidURL` with a redacted copy of `text` and what to change.
    public init(_ text: String, environmentPassword: String? = nil) throws(HistoryError) {
        let shown = Self.redact(text)
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw .invalidURL(url: shown, reason: "write postgres://user[:password]@host[:port]/database")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw .invalidURL(url: shown, reason: "name a user: postgres://user@host/database")
        }
        guard let host = components.host?.removingPercentEncoding, !host.isEmpty, !host.hasPrefix("/") else {
            throw .invalidURL(url: shown, reason: "name a host: postgres://user@host/database (Unix sockets are not supported)")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.removingPercentEncoding ?? path
        if database.contains("/") { throw .invalidURL(url: shown, reason: "the database name cannot contain `/`") }
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw .invalidURL(url: shown, reason: "unsupported parameter `\(item.name)`; only sslmode=disable is understood")
            }
            guard let mode = item.value, Self.supportedSSLModes.contains(mode) else {
                throw .invalidURL(url: shown, reason: "sslmode=\(item.value ?? "") is not supported; airm connects without TLS "
                                  + "(sslmode=disable), so reach a remote server through a tunnel")
            }
        }
        self.username = user
        self.password = components.password?.removingPercentEncoding ?? environmentPassword.flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.isEmpty ? user : database
    }

    /// `postgres://user:***@host:port/database`, or without `:***` when there is no password.
    public var description: String {
        let secret = password == nil ? "" : ":***"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(username)\(secret)@\(shownHost):\(port)/\(database)"
    }

    /// `host:port`, as a message about reaching the server names it.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `text` with the password, raw and percent-encoded, replaced by `***`.
    public func scrub(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        var scrubbed = text.replacingOccurrences(of: password, with: "***")
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed), encoded != password {
            scrubbed = scrubbed.replacingOccurrences(of: encoded, with: "***")
        }
        return scrubbed
    }

    /// A URL-like text with whatever sits between `scheme://user:` and `@` replaced by `***`,
    /// for echoing a location that did not parse.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<scheme.upperBound]) + credentials[..<colon] + ":***" + rest[at...]
    }
}
