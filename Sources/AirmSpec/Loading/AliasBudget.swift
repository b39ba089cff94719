/// Bounds how far a file's YAML aliases expand, before the YAML is read: a few hundred bytes of
/// nested aliases (an "alias bomb") otherwise expand to millions of nodes, and one used as a
/// mapping key costs seconds to minutes while the keys are compared (docs/experiment-format.md
/// "Units").
///
/// The count is taken from the text alone, in one pass: an anchor's node is taken to run from
/// the anchor to the end of its line and over the following lines indented deeper; its weight is
/// one plus the weights of the aliases inside it. Every alias in the file costs its anchor's
/// weight. The count errs high, never low, and real files stay far below the budget.
enum AliasBudget {
    /// The most alias expansions a file may ask for.
    static let maximum = 1_000

    private struct Token {
        var anchor: Bool
        var name: Substring
        var line: Int
        var column: Int
    }

    /// The location of the alias that goes over the budget, if one does.
    static func overrun(in text: String) -> (line: Int, column: Int)? {
        guard text.contains("*") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var tokens: [Token] = []
        var indents: [Int] = []
        for (number, line) in lines.enumerated() {
            indents.append(contentBegins(line) ? line.prefix { $0 == " " }.count : Int.max)
            tokens += scan(line, number: number + 1)
        }
        // An anchor's node ends before the first later line that is not indented deeper.
        var ends: [Int] = Array(repeating: lines.count + 1, count: lines.count + 2)
        var open: [(line: Int, indent: Int)] = []
        for (index, indent) in indents.enumerated() where indent != .max {
            while let last = open.last, indent <= last.indent {
                ends[last.line] = index + 1
                open.removeLast()
            }
            open.append((index + 1, indent))
        }
        var weights: [Substring: Int] = [:]
        var pending: [(name: Substring, end: Int, weight: Int)] = []
        var total = 0
        for token in tokens {
            // Anchors whose node ended before this token are settled.
            while let last = pending.last, token.line >= last.end {
                weights[last.name] = last.weight
                pending.removeLast()
            }
            if token.anchor {
                pending.append((token.name, ends[token.line], 1))
                continue
            }
            let weight = weights[token.name] ?? 1
            for index in pending.indices { pending[index].weight = min(pending[index].weight + weight, maximum + 1) }
            total = min(total + weight, maximum + 1)
            if total > maximum { return (token.line, token.column) }
        }
        return nil
    }

    /// Whether a line holds anything but blanks and a comment.
    private static func contentBegins(_ line: Substring) -> Bool {
        guard let first = line.first(where: { $0 != " " && $0 != "\t" }) else { return false }
        return first != "#"
    }

    /// The anchors (`&a`) and aliases (`*a`) of one line, outside quotes and comments.
    private static func scan(_ line: Substring, number: Int) -> [Token] {
        var found: [Token] = []
        var quote: Character?
        var previous: Character = " "
        var index = line.startIndex
        var column = 1
        while index < line.endIndex {
            let char = line[index]
            if let open = quote {
                if char == open { quote = nil }
            } else if char == "\"" || char == "'" {
                if " [{,:-".contains(previous) { quote = char }
            } else if char == "#" && (previous == " " || previous == "\t") {
                break
            } else if (char == "&" || char == "*") && " \t[{,:-?".contains(previous) {
                let start = line.index(after: index)
                let end = line[start...].firstIndex { " \t,[]{}".contains($0) } ?? line.endIndex
                if start < end { found.append(Token(anchor: char == "&", name: line[start..<end], line: number, column: column)) }
            }
            previous = char
            index = line.index(after: index)
            column += 1
        }
        return found
    }
}
