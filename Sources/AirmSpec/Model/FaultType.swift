/// A fault type: its `type:` name, its own keys, how they are read, and their JSON Schema
/// (docs/experiment-format.md "faults").
///
/// A value of the type holds one fault's parameters. An implementation must:
/// - name only its own keys in `keys`; the common keys (`name`, `target`, `type`, `at`, `for`,
///   `until`, `probability`, `delay`) are read by the loader, except that a type listing
///   `delay` reads it as its own parameter;
/// - report every problem through `FaultInput` (a located diagnostic) and return `nil`, never trap;
/// - describe exactly the keys of `keys` in `schema`.
///
/// The types a file may use are passed to the loader as a `FaultVocabulary`; nothing registers
/// itself.
public protocol FaultType: Sendable {
    /// The `type:` value.
    static var name: String { get }
    /// The keys this type takes besides the common ones, in the order the docs list them.
    static var keys: [String] { get }
    /// The JSON Schema of `keys`.
    static var schema: FaultSchema { get }
    /// Reads this type's keys; `nil` after reporting a problem.
    static func parse(_ input: FaultInput) -> Self?
}

extension FaultType {
    /// The `type:` value in the file.
    public var typeName: String { Self.name }
}

/// The fault types a file may use, in the order the docs and the schema list them.
public struct FaultVocabulary: Sendable {
    public let types: [any FaultType.Type]

    public init(_ types: [any FaultType.Type]) { self.types = types }

    /// Every `type:` value.
    public var typeNames: [String] { types.map { $0.name } }

    /// The type named `name`, if the vocabulary has it.
    public func type(named name: String) -> (any FaultType.Type)? {
        types.first { $0.name == name }
    }

    /// Every key a fault of some type may take, the common ones first.
    public var allKeys: [String] {
        var keys = FaultVocabulary.commonKeys
        for type in types { keys += type.keys.filter { !keys.contains($0) } }
        return keys
    }

    /// The keys every fault takes (docs/experiment-format.md "faults").
    public static let commonKeys = ["name", "target", "type", "at", "for", "until", "probability", "delay"]
}

/// The JSON Schema of a fault type's own keys.
public struct FaultSchema: Sendable {
    public var properties: [(String, SchemaNode)]
    public var required: [String]

    public init(_ properties: [(String, SchemaNode)] = [], required: [String] = []) {
        self.properties = properties
        self.required = required
    }

    // MARK: - Building blocks

    /// A duration (`250ms`, `5s`).
    public static let duration = ExperimentSchema.ref("duration")
    /// A rate (`10/m`).
    public static let rate = ExperimentSchema.ref("rate")

    public static func integer(minimum: Int, maximum: Int? = nil) -> SchemaNode {
        ExperimentSchema.integer(minimum: minimum, maximum: maximum)
    }

    public static func choice(_ values: [String]) -> SchemaNode { ExperimentSchema.enumeration(values) }
}
