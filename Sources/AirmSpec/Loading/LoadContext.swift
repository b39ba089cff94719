import Yams

/// State shared while one file is read: where it came from, the environment, and every
/// diagnostic found so far. Lives for one `ExperimentLoader.load` call and never leaves it.
final class LoadContext {
    let file: String
    let environment: [String: String]
    private(set) var diagnostics: [Diagnostic] = []
    private var duplicates: [YAMLDocument.Position: YAMLDocument.DuplicateKey]
    /// `--set` overrides applied to the tree; their nodes are located at the override, not in the file.
    let overrides: Overrides

    init(file: String, environment: [String: String], duplicates: [YAMLDocument.Position: YAMLDocument.DuplicateKey],
         overrides: Overrides = Overrides()) {
        self.file = file
        self.environment = environment
        self.duplicates = duplicates
        self.overrides = overrides
    }

    // MARK: - Locations and diagnostics

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        if let item = overrides.item(at: mark) { return SourceLocation(file: "--set \(item.text)", line: 0, column: 0) }
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    var start: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    func error(_ message: String, at location: SourceLocation, hint: String? = nil, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: location, hint: hint, notes: notes))
    }

    func warning(_ message: String, at location: SourceLocation, hint: String? = nil, notes: [Diagnostic] = []) {
        diagnostics.append(.warning(message, at: location, hint: hint, notes: notes))
    }

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A duplicate key renamed by `YAMLDocument` at this node, reported once.
    func takeDuplicate(at node: Node) -> YAMLDocument.DuplicateKey? {
        guard let mark = node.mark else { return nil }
        return duplicates.removeValue(forKey: YAMLDocument.Position(line: mark.line, column: mark.column))
    }

    /// Reports renamed duplicate keys the walk never reached (e.g. under an unknown key).
    func reportRemainingDuplicates() {
        for (position, duplicate) in duplicates.sorted(by: { ($0.key.line, $0.key.column) < ($1.key.line, $1.key.column) }) {
            error("duplicate key `\(duplicate.key)`", at: SourceLocation(file: file, line: position.line, column: position.column),
                  notes: [Diagnostic(.note, "`\(duplicate.key)` first appears here", at: duplicate.first)])
        }
        duplicates = [:]
    }
}

/// A key of a mapping with its value, both with their places in the file.
struct Field {
    var key: String
    var keyNode: Node
    var value: Node
}

/// The keys of one YAML mapping, checked against the keys allowed there.
struct Fields {
    /// Where "missing key" diagnostics point: the key that holds this mapping, or the mapping itself.
    var owner: SourceLocation
    private var byKey: [String: Field] = [:]
    private(set) var ordered: [Field] = []

    /// Reads `node` as a mapping. Unknown keys, duplicates and non-string keys are reported;
    /// a value that is not a mapping is reported and gives `nil`. An empty value is an empty mapping.
    init?(_ node: Node, what: String, allowed: [String], owner: SourceLocation? = nil,
          duplicateLabel: String = "key", context: LoadContext) {
        self.owner = owner ?? context.location(node)
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    context.error("keys of \(what) must be plain words", at: context.location(keyNode))
                    continue
                }
                let key = keyScalar.string
                if let duplicate = context.takeDuplicate(at: keyNode) {
                    context.error("duplicate \(duplicateLabel) `\(duplicate.key)`", at: context.location(keyNode),
                                  notes: [Diagnostic(.note, "`\(duplicate.key)` first appears here", at: duplicate.first)])
                    continue
                }
                if !allowed.isEmpty, !allowed.contains(key) {
                    context.error("unknown key `\(key)` in \(what)", at: context.location(keyNode),
                                  hint: Suggestions.hint(for: key, among: allowed))
                    continue
                }
                let field = Field(key: key, keyNode: keyNode, value: value)
                byKey[key] = field
                ordered.append(field)
            }
        case .scalar(let scalar) where scalar.isNull:
            break
        default:
            context.error("\(what) must be a mapping, not \(node.kindDescription)", at: context.location(node))
            return nil
        }
    }

    subscript(key: String) -> Field? { byKey[key] }

    func has(_ key: String) -> Bool { byKey[key] != nil }

    /// The field, or a "missing key" error at the owner.
    func require(_ key: String, in what: String, hint: String? = nil, context: LoadContext) -> Field? {
        if let field = byKey[key] { return field }
        context.error("\(what) needs `\(key)`", at: owner, hint: hint)
        return nil
    }

    /// Which of these keys are present, in file order.
    func present(_ keys: [String]) -> [Field] { ordered.filter { keys.contains($0.key) } }
}

// MARK: - Node helpers

extension Node.Scalar {
    /// An empty plain value, `~` or `null`.
    var isNull: Bool {
        (style == .plain || style == .any) && (string.isEmpty || string == "~" || string == "null" || string == "Null" || string == "NULL")
    }

    /// What YAML 1.1 would type a plain scalar as; quoted scalars are always strings.
    ///
    /// The loader composes with `Resolver.basic` (no regular expressions, which are slow) and
    /// types scalars here instead.
    var plainType: PlainType {
        guard style == .plain || style == .any else { return .string }
        return PlainType(string)
    }
}

/// The YAML core types a plain scalar may have.
enum PlainType {
    case null, bool, int, float, string

    init(_ text: String) {
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO",
             "on", "On", "ON", "off", "Off", "OFF": self = .bool
        case ".inf", ".Inf", ".INF", "-.inf", "+.inf", ".nan", ".NaN", ".NAN": self = .float
        default:
            var body = Substring(text)
            if body.first == "-" || body.first == "+" { body = body.dropFirst() }
            let digits = body.filter { $0 != "_" }
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { self = .int; return }
            let mantissa = digits.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
            let number = mantissa.first ?? ""
            let isDecimal = number.contains(where: { $0.isNumber }) && number.filter({ $0 == "." }).count <= 1
                && number.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." }
            let exponentOK = mantissa.count == 1 || (mantissa.last.map { e in
                let digits = e.first == "-" || e.first == "+" ? e.dropFirst() : e
                return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            } ?? false)
            self = isDecimal && exponentOK && (number.contains(".") || mantissa.count == 2) ? .float : .string
        }
    }
}

extension Node {
    /// "a mapping", "a list", "a string", "a number", "a boolean", "an empty value" for messages.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch scalar.plainType {
            case .null: return "an empty value"
            case .int, .float: return "a number"
            case .bool: return "a boolean"
            case .string: return "a string"
            }
        }
    }
}
