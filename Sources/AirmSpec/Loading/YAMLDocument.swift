import Yams

/// The YAML text of a file composed into a node tree, or the diagnostics that stopped it.
///
/// Yams refuses mappings with duplicate keys. To report every duplicate at its second
/// occurrence and still check the rest of the file, the second key is renamed in a copy of the
/// text to a placeholder of the same length, and the text is composed again; the walk then
/// reports the renamed keys and skips them.
struct YAMLDocument {
    /// A key that repeats an earlier one in the same mapping.
    struct DuplicateKey {
        var key: String
        var first: SourceLocation
    }

    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    var root: Node?
    var duplicates: [Position: DuplicateKey] = [:]
    var diagnostics: [Diagnostic] = []

    private static let maximumRenames = 64

    init(source: String, file: String) {
        if let at = AliasBudget.overrun(in: source) {
            diagnostics.append(.error("the YAML aliases here expand past \(AliasBudget.maximum) references",
                                      at: SourceLocation(file: file, line: at.line, column: at.column),
                                      hint: "nested anchors and aliases (`&a`, `*a`) multiply; write the values out instead"))
            return
        }
        var text = source
        for attempt in 0...Self.maximumRenames {
            do {
                root = try Yams.compose(yaml: text, .basic, .default, .utf8)
                if root == nil {
                    diagnostics.append(.error("the file is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                              hint: "an experiment needs at least `name`, `duration`, `providers` and `traffic`"))
                }
                return
            } catch let YamlError.duplicatedKeysInMapping(keys, context) {
                let first = SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
                let key = keys.first ?? ""
                guard attempt < Self.maximumRenames,
                      let (renamed, position) = Self.renameSecond(key: key, after: context.mark, in: text, attempt: attempt) else {
                    diagnostics.append(.error("duplicate key `\(key)`", at: first, hint: "each key may appear once in a mapping"))
                    return
                }
                text = renamed
                duplicates[position] = DuplicateKey(key: key, first: first)
            } catch let error as YamlError {
                diagnostics.append(Self.diagnostic(for: error, file: file, source: text))
                return
            } catch {
                diagnostics.append(.error("cannot read the YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
                return
            }
        }
    }

    // MARK: - Parser errors

    static func diagnostic(for error: YamlError, file: String, source: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column)) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let hints = [context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column)" }, layoutHint(for: problem)]
            let hint = hints.compactMap { $0 }.joined(separator: "; ")
            return .error("malformed YAML: \(problem)", at: at(mark), hint: hint.isEmpty ? nil : hint)
        case let .reader(problem, offset, _, _):
            let (line, column) = position(ofCharacter: offset ?? 0, in: source)
            return .error("unreadable text: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return .error("malformed YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// What usually causes libyaml's `problem`, in words a user can act on; `nil` when nothing fits.
    static func layoutHint(for problem: String) -> String? {
        if problem.contains("mapping values are not allowed") || problem.contains("could not find expected ':'")
            || problem.contains("did not find expected key") || problem.contains("block mapping") {
            return "check the indentation: the keys of one mapping start in the same column, with spaces (never tabs), "
                + "and a value after `key:` needs a space; a colon inside a value needs quotes"
        }
        if problem.contains("found character that cannot start any token") {
            return "tabs cannot indent YAML, and `@` or a backtick cannot start a value: use spaces, or quote the value"
        }
        if problem.contains("did not find expected ','") || problem.contains("did not find expected node content") {
            return "check the brackets: every `{` and `[` on this line or above needs its `}` or `]`, and items are separated by commas"
        }
        if problem.contains("found unexpected end of stream") || problem.contains("found unknown escape character") {
            return "check the quotes: a quoted value needs its closing quote on the same line, and `\\` escapes only in double quotes"
        }
        return nil
    }

    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for (index, character) in text.enumerated() {
            if index >= offset { break }
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    // MARK: - Finding the second occurrence of a key

    /// Renames the next sibling occurrence of `key` after its first occurrence at `mark`.
    private static func renameSecond(key: String, after mark: Mark, in text: String, attempt: Int) -> (String, Position)? {
        guard !key.isEmpty else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        let firstLine = mark.line - 1, column = mark.column - 1
        guard firstLine >= 0, firstLine < lines.count, column >= 0 else { return nil }
        let keyScalars = Array(key.unicodeScalars)
        let placeholder = Self.placeholder(length: keyScalars.count, attempt: attempt, avoiding: key)

        // Flow style on the same line: `{a: 1, a: 2}`.
        let line = lines[firstLine]
        var index = column + keyScalars.count
        while index < line.count {
            if line[index] == "," || line[index] == "{" {
                var start = index + 1
                while start < line.count, line[start] == " " { start += 1 }
                if let (offset, _) = match(keyScalars, in: line, at: start) {
                    lines[firstLine].replaceSubrange((start + offset)..<(start + offset + keyScalars.count), with: placeholder)
                    return (joined(lines), Position(line: mark.line, column: start + 1))
                }
            }
            index += 1
        }
        // Block style: a later line with the key at the same column.
        for number in (firstLine + 1)..<max(firstLine + 1, lines.count) {
            let row = lines[number]
            guard let indent = row.firstIndex(where: { $0 != " " }), row[indent] != "#" else { continue }
            if indent < column {
                // `- key:` at the same column starts a new item of the parent list: the mapping ended.
                return nil
            }
            guard indent == column else { continue }
            if let (offset, _) = match(keyScalars, in: row, at: indent) {
                lines[number].replaceSubrange((indent + offset)..<(indent + offset + keyScalars.count), with: placeholder)
                return (joined(lines), Position(line: number + 1, column: column + 1))
            }
        }
        return nil
    }

    /// Where the key's text starts (after an opening quote) when `row` has `key:` at `start`.
    private static func match(_ key: [Unicode.Scalar], in row: [Unicode.Scalar], at start: Int) -> (Int, Bool)? {
        var offset = 0
        var quote: Unicode.Scalar?
        if start < row.count, row[start] == "\"" || row[start] == "'" { quote = row[start]; offset = 1 }
        let end = start + offset + key.count
        guard end <= row.count, Array(row[(start + offset)..<end]) == key else { return nil }
        var next = end
        if let quote {
            guard next < row.count, row[next] == quote else { return nil }
            next += 1
        }
        while next < row.count, row[next] == " " { next += 1 }
        guard next < row.count, row[next] == ":" else { return nil }
        return (offset, quote != nil)
    }

    /// Upper-case letters never form a valid key of the format, so a placeholder never clashes with one.
    private static func placeholder(length: Int, attempt: Int, avoiding key: String) -> [Unicode.Scalar] {
        let alphabet = Array("QXZJKVWY".unicodeScalars)
        var scalars: [Unicode.Scalar] = []
        var value = attempt
        for _ in 0..<length {
            scalars.append(alphabet[value % alphabet.count])
            value /= alphabet.count
        }
        if String(String.UnicodeScalarView(scalars)) == key, let first = scalars.first {
            scalars[0] = first == "Q" ? "X" : "Q"
        }
        return scalars
    }

    private static func joined(_ lines: [[Unicode.Scalar]]) -> String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
