import Yams

/// The keys of one fault mapping, as a fault type reads them (`FaultType.parse`).
///
/// Every reader reports a located diagnostic when the value is wrong and returns `nil`; a key
/// that is absent gives `nil` with no diagnostic, unless it is `require`d.
public final class FaultInput {
    /// The fault's name (`name:`, or `fault-<n>`), for messages.
    public let faultName: String
    /// The fault's `type:` value.
    public let typeName: String
    let fields: Fields
    let context: LoadContext

    init(faultName: String, typeName: String, fields: Fields, context: LoadContext) {
        self.faultName = faultName
        self.typeName = typeName
        self.fields = fields
        self.context = context
    }

    /// Whether `key` is given.
    public func has(_ key: String) -> Bool { fields.has(key) }

    /// Reports a missing `key` at the fault and returns `false`, or returns `true`.
    @discardableResult
    public func require(_ key: String, hint: String) -> Bool {
        fields.require(key, in: "\(typeName) fault `\(faultName)`", hint: hint, context: context) != nil
    }

    /// Reports a problem at `key` (its name), or at the fault when `key` is absent or `nil`.
    public func error(_ message: String, at key: String? = nil, hint: String? = nil) {
        let location = key.flatMap { fields[$0] }.map { context.location($0.keyNode) } ?? fields.owner
        context.error(message, at: location, hint: hint)
    }

    /// The text of a scalar value as written, for messages.
    public func text(_ key: String) -> String? {
        guard case .scalar(let scalar)? = fields[key]?.value else { return nil }
        return scalar.string
    }

    /// Of these keys, those given, in file order.
    public func present(_ keys: [String]) -> [String] { fields.present(keys).map(\.key) }

    // MARK: - Typed values

    /// A duration; `allowZero` admits `0s`.
    public func duration(_ key: String, allowZero: Bool = false) -> TimeSpan? {
        fields[key].flatMap { context.duration($0, allowZero: allowZero) }
    }

    /// A whole number in `minimum...maximum`.
    public func int(_ key: String, minimum: Int, maximum: Int) -> Int? {
        fields[key].flatMap { context.int($0, minimum: minimum, maximum: maximum) }
    }

    /// A rate such as `10/m`.
    public func rate(_ key: String) -> Rate? {
        fields[key].flatMap { context.rate($0.value, key: key) }
    }

    /// One of the raw values of `type`.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        fields[key].flatMap { context.choice($0.value, key: key, type) }
    }
}
