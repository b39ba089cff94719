import Yams

/// `--set PATH=VALUE` overrides, applied to a file's YAML tree before it is read, so an
/// overridden value is checked exactly like one written in the file (docs/cli.md "Overrides").
///
/// A path is dot-separated keys: `duration`, `policy.retry.max_attempts`. In a list of named
/// items (`traffic`, `faults`, `assertions` with names) a segment picks the item by its `name`;
/// a number picks the item at that index, from 0. A missing last key is added. The value is YAML:
/// `5/s`, `60s`, `{ median: 1s, p99: 3s }`.
///
/// Diagnostics about an overridden value name the override instead of a line of the file.
public struct Overrides: Sendable {
    public struct Item: Sendable, Hashable {
        /// As the user typed it: `traffic.chat.rate=5/s`.
        public var text: String
        public var path: [String]
        public var value: String
    }

    public var items: [Item]
    /// Overridden nodes are composed below the file's last line, each in its own band of lines,
    /// so their marks tell them apart from the file's; set by `apply`.
    private(set) var firstLine = Int.max

    /// Lines each override's value may span.
    static let band = 10_000

    public init(_ items: [Item] = []) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }

    /// Parses each `PATH=VALUE`; the failure names the first one that is not of that form.
    public static func parse(_ texts: [String]) -> Result<Overrides, OverrideError> {
        var items: [Item] = []
        for text in texts {
            guard let equals = text.firstIndex(of: "=") else {
                return .failure(OverrideError(text: text, message: "expected PATH=VALUE, e.g. duration=60s"))
            }
            let path = text[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
                return .failure(OverrideError(text: text, message: "the path before `=` is dot-separated keys, e.g. traffic.chat.rate"))
            }
            items.append(Item(text: text, path: path, value: String(text[text.index(after: equals)...])))
        }
        return .success(Overrides(items))
    }

    // MARK: - Marks

    /// The override a mark points at, if any.
    func item(at mark: Mark?) -> Item? {
        guard let line = mark?.line, line >= firstLine else { return nil }
        let index = (line - firstLine) / Self.band
        return index < items.count ? items[index] : nil
    }

    // MARK: - Applying

    /// `root`, the tree of a text of `lines` lines, with every override applied; and the
    /// diagnostics of those that could not be.
    mutating func apply(to root: Node, lines: Int) -> (Node, [Diagnostic]) {
        var root = root
        var problems: [Diagnostic] = []
        firstLine = lines + 2
        for (index, item) in items.enumerated() {
            let value: Node
            let offset = String(repeating: "\n", count: firstLine - 1 + index * Self.band)
            do {
                guard item.value.utf8.count <= 64 * 1024, item.value.split(separator: "\n").count < Self.band else {
                    problems.append(Self.error("the value is too long for an override; put it in the file", item))
                    continue
                }
                value = try Yams.compose(yaml: offset + item.value) ?? Node("", .implicit, .plain)
            } catch {
                problems.append(Self.error("the value is not YAML", item))
                continue
            }
            // A key the override adds is placed at the override too, so a diagnostic on it names the override.
            let newKey = { (key: String) -> Node in
                ((try? Yams.compose(yaml: offset + "\"\(key)\"")) ?? nil) ?? Node(key)
            }
            switch Self.set(item.path[...], to: value, in: root, newKey: newKey) {
            case .success(let updated): root = updated
            case .failure(let problem): problems.append(Self.error(problem.message, item))
            }
        }
        return (root, problems)
    }

    static func error(_ message: String, _ item: Item) -> Diagnostic {
        .error("\(message)", at: SourceLocation(file: "--set \(item.text)", line: 0, column: 0))
    }

    private struct Problem: Error {
        var message: String
    }

    private static func set(_ path: ArraySlice<String>, to value: Node, in node: Node,
                            newKey: (String) -> Node) -> Result<Node, Problem> {
        guard let key = path.first else { return .success(value) }
        let rest = path.dropFirst()
        switch node {
        case .mapping(var mapping):
            if let child = mapping[key] {
                return set(rest, to: value, in: child, newKey: newKey).map { updated in
                    mapping[key] = updated
                    return .mapping(mapping)
                }
            }
            // A missing key is added, with mappings down to the value.
            let empty = Node.mapping(Node.Mapping([]))
            return set(rest, to: value, in: empty, newKey: newKey).map { added in
                var pairs = mapping.map { ($0.key, $0.value) }
                pairs.append((newKey(key), rest.isEmpty ? value : added))
                return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
            }
        case .sequence(var sequence):
            let names = sequence.compactMap { $0.mapping?["name"]?.string }
            let index = Int(key) ?? sequence.firstIndex { $0.mapping?["name"]?.string == key }
            guard let index, sequence.indices.contains(index) else {
                let known = names.isEmpty ? "the list has \(sequence.count) items (index from 0)" : "names: " + names.joined(separator: ", ")
                return .failure(Problem(message: "no item named `\(key)` in this list (\(known))"))
            }
            return set(rest, to: value, in: sequence[index], newKey: newKey).map { updated in
                sequence[index] = updated
                return .sequence(sequence)
            }
        default:
            return .failure(Problem(message: "`\(key)` cannot be set inside a single value"))
        }
    }
}

/// A `--set` that is not of the form `PATH=VALUE`.
public struct OverrideError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var description: String { "--set \(text): \(message)" }
}
