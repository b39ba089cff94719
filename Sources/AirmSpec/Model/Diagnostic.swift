/// A problem found while loading or validating a file: a value, never a thrown error.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning, note }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// A suggestion such as "did you mean `open_for`?".
    public var hint: String?
    /// Related places, e.g. the first occurrence of a duplicate name.
    public var notes: [Diagnostic]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?,
                hint: String? = nil, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint, notes: notes)
    }

    /// `path:line:col: error: message (hint)` as compilers print it, notes on following lines.
    ///
    /// Control characters are escaped, so quoted file text cannot forge a line.
    public var description: String {
        var text = (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        text = text.escapingControlCharacters
        for note in notes { text += "\n" + note.description }
        return text
    }
}
