/// A place in an experiment file: 1-based line and column, as compilers print them.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`; only `file` for a place outside any file's lines (line 0), such as
    /// a `--set` override.
    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }
}
