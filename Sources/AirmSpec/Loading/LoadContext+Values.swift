import Yams

/// A scalar value after `${VAR}` expansion, with its place in the file.
struct ScalarValue {
    var text: String
    /// Written in quotes, so YAML typed it as a string.
    var quoted: Bool
    var interpolated: Bool
    var missing: [String]
    var location: SourceLocation

    /// True when the text may be read as a number or boolean: written plain, or built from `${...}`.
    var isUntyped: Bool { !quoted || interpolated }
}

/// Typed readers: each returns `nil` after recording a diagnostic at the value.
extension LoadContext {
    // MARK: - Scalars

    func scalar(_ field: Field, expecting what: String) -> ScalarValue? {
        scalar(field.value, key: field.key, expecting: what)
    }

    func scalar(_ node: Node, key: String, expecting what: String) -> ScalarValue? {
        guard case .scalar(let scalar) = node else {
            error("`\(key)` must be \(what), not \(node.kindDescription)", at: location(node))
            return nil
        }
        if scalar.isNull {
            error("`\(key)` needs a value: \(what)", at: location(node))
            return nil
        }
        let quoted = scalar.style != .plain && scalar.style != .any
        switch EnvironmentExpander.expand(scalar.string, environment: environment) {
        case .success(let expansion):
            return ScalarValue(text: expansion.value, quoted: quoted, interpolated: expansion.interpolated,
                               missing: expansion.missing, location: location(node))
        case .failure(let failure):
            error(failure.message, at: location(node), hint: failure.hint)
            return nil
        }
    }

    /// A scalar whose text is needed to build a typed value: unset variables are errors here.
    private func typedScalar(_ node: Node, key: String, expecting what: String) -> ScalarValue? {
        guard let value = scalar(node, key: key, expecting: what) else { return nil }
        if let name = value.missing.first {
            error("`\(key)` uses `${\(name)}`, which is not set", at: value.location, hint: "set `\(name)` or give a default: `${\(name):-...}`")
            return nil
        }
        return value
    }

    // MARK: - Text

    /// Free text. Unset variables expand to "" with a warning.
    func string(_ field: Field) -> String? { string(field.value, key: field.key) }

    func string(_ node: Node, key: String) -> String? {
        guard let value = scalar(node, key: key, expecting: "text") else { return nil }
        for name in value.missing {
            warning("`${\(name)}` is not set and has no default; `\(key)` gets an empty value", at: value.location,
                    hint: "set `\(name)` or write `${\(name):-default}`")
        }
        return value.text
    }

    /// Text kept with the names of unset variables, for values needed only in some modes.
    func interpolated(_ field: Field) -> Interpolated? {
        guard let value = scalar(field, expecting: "text") else { return nil }
        return Interpolated(value: value.text, missing: value.missing, location: value.location)
    }

    /// A provider, stream or fault name: `[a-z0-9_-]+`.
    func name(_ node: Node, key: String, kind: String) -> String? {
        guard let value = typedScalar(node, key: key, expecting: "a \(kind) name") else { return nil }
        guard Names.isValid(value.text) else {
            error("\(kind) name `\(value.text)` may only contain a-z, 0-9, `_` and `-`", at: value.location,
                  hint: "did you mean `\(Names.suggestion(for: value.text))`?")
            return nil
        }
        return value.text
    }

    // MARK: - Numbers

    func int(_ field: Field, minimum: Int = 0, maximum: Int = Int(Int32.max)) -> Int? {
        guard let value = typedScalar(field.value, key: field.key, expecting: "a whole number") else { return nil }
        guard value.isUntyped else {
            error("`\(field.key)` must be a whole number, not a string", at: value.location, hint: "remove the quotes")
            return nil
        }
        let digits = value.text.filter { $0 != "_" }
        guard let number = Int(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) else {
            let hint = UnitParser.duration(value.text).isSuccess ? "`\(field.key)` is a count, not a duration" : nil
            error("`\(field.key)` must be a whole number, not `\(value.text)`", at: value.location, hint: hint)
            return nil
        }
        guard number >= minimum, number <= maximum else {
            let range = maximum == Int(Int32.max) ? "at least \(minimum)" : "between \(minimum) and \(maximum)"
            error("`\(field.key)` must be \(range), not \(number)", at: value.location)
            return nil
        }
        return number
    }

    func seed(_ field: Field) -> UInt64? {
        guard let value = typedScalar(field.value, key: field.key, expecting: "a whole number") else { return nil }
        guard value.isUntyped, let number = UInt64(value.text.filter { $0 != "_" }) else {
            error("`seed` must be a whole number from 0 to \(UInt64.max), not `\(value.text)`", at: value.location)
            return nil
        }
        return number
    }

    func double(_ field: Field, minimum: Double, maximum: Double = 1_000_000) -> Double? {
        guard let value = typedScalar(field.value, key: field.key, expecting: "a number") else { return nil }
        guard value.isUntyped, let number = UnitParser.number(value.text.hasPrefix("-") ? String(value.text.dropFirst()) : value.text)
                .map({ value.text.hasPrefix("-") ? -$0 : $0 }) else {
            error("`\(field.key)` must be a number, not `\(value.text)`", at: value.location)
            return nil
        }
        guard number >= minimum, number <= maximum else {
            error("`\(field.key)` must be between \(minimum.formatted) and \(maximum.formatted), not \(value.text)", at: value.location)
            return nil
        }
        return number
    }

    func bool(_ field: Field) -> Bool? {
        guard let value = typedScalar(field.value, key: field.key, expecting: "true or false") else { return nil }
        switch value.isUntyped ? value.text.lowercased() : "" {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("`\(field.key)` must be true or false, not `\(value.text)`", at: value.location)
            return nil
        }
    }

    /// One of the raw values of an enum, with a suggestion when it is a near miss.
    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String, _ type: T.Type, allowed: [T]? = nil) -> T? where T.RawValue == String {
        let options = (allowed ?? Array(T.allCases)).map(\.rawValue)
        guard let value = typedScalar(node, key: key, expecting: "one of " + options.joined(separator: ", ")) else { return nil }
        guard let result = T(rawValue: value.text), options.contains(value.text) else {
            error("`\(value.text)` is not a valid `\(key)`", at: value.location, hint: Suggestions.hint(for: value.text, among: options))
            return nil
        }
        return result
    }

    // MARK: - Units

    /// A duration; `allowZero` admits `0s`.
    func duration(_ field: Field, allowZero: Bool = false) -> TimeSpan? { duration(field.value, key: field.key, allowZero: allowZero) }

    func duration(_ node: Node, key: String, allowZero: Bool = false) -> TimeSpan? {
        guard let value = typedScalar(node, key: key, expecting: "a duration such as `30s`") else { return nil }
        switch UnitParser.duration(value.text) {
        case .success(let span):
            if span == .zero, !allowZero {
                error("`\(key)` must be longer than zero", at: value.location)
                return nil
            }
            return span
        case .failure(let failure):
            error("`\(key)`: \(failure.message)", at: value.location, hint: failure.hint)
            return nil
        }
    }

    func rate(_ node: Node, key: String, allowZero: Bool = false) -> Rate? {
        guard let value = typedScalar(node, key: key, expecting: "a rate such as `20/s`") else { return nil }
        switch UnitParser.rate(value.text) {
        case .success(let rate):
            if rate.perSecond == 0, !allowZero {
                error("`\(key)` must be above zero", at: value.location)
                return nil
            }
            return rate
        case .failure(let failure):
            error("`\(key)`: \(failure.message)", at: value.location, hint: failure.hint)
            return nil
        }
    }

    func ratio(_ field: Field, allowZero: Bool = true) -> Ratio? {
        guard let value = typedScalar(field.value, key: field.key, expecting: "a ratio such as `99%`") else { return nil }
        switch UnitParser.ratio(value.text) {
        case .success(let ratio):
            if ratio.fraction == 0, !allowZero {
                error("`\(field.key)` must be above 0%", at: value.location)
                return nil
            }
            return ratio
        case .failure(let failure):
            error("`\(field.key)`: \(failure.message)", at: value.location, hint: failure.hint)
            return nil
        }
    }

    func timeReference(_ node: Node, key: String) -> TimeReference? {
        guard let value = typedScalar(node, key: key, expecting: "a time such as `30s` or `outage.start + 5s`") else { return nil }
        switch UnitParser.timeReference(value.text) {
        case .success(var reference):
            reference.location = value.location
            return reference
        case .failure(let failure):
            error("`\(key)`: \(failure.message)", at: value.location, hint: failure.hint)
            return nil
        }
    }

    // MARK: - Lists

    /// The items of a list; an empty value is an empty list, a single scalar is not accepted.
    func list(_ field: Field, expecting what: String) -> [Node]? {
        if case .scalar(let scalar) = field.value, scalar.isNull { return [] }
        guard case .sequence(let sequence) = field.value else {
            error("`\(field.key)` must be a list of \(what), not \(field.value.kindDescription)", at: location(field.value))
            return nil
        }
        return Array(sequence)
    }

    /// A list of error kinds, e.g. `retry.on` and `breaker.failures`.
    func errorKinds(_ field: Field) -> Set<ErrorKind>? {
        guard let items = list(field, expecting: "error kinds") else { return nil }
        var kinds = Set<ErrorKind>()
        var ok = true
        for item in items {
            if let kind = choice(item, key: field.key, ErrorKind.self) { kinds.insert(kind) } else { ok = false }
        }
        return ok ? kinds : nil
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

extension Double {
    /// `2`, `0.5`: without a trailing `.0`.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
