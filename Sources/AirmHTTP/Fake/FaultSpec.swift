import AirmSpec

/// A fault posted to the fake's control endpoint `POST /_airm/faults`.
///
/// The JSON uses an experiment fault's fields: `type`, `target` (a name, a list, or `"*"`),
/// `status`, `retry_after`, `for`, `probability`, `delay`, `jitter`, `how`, `after_tokens`,
/// `name`. Durations are strings in the file format's units (`"250ms"`, `"1m30s"`) or numbers
/// of seconds; ratios are `"50%"` or numbers in [0, 1].
public struct FaultSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case latency(delay: TimeSpan, jitter: TimeSpan)
        case error(status: Int)
        case timeout
        case unavailable
        case rateLimit(retryAfter: TimeSpan)
        case corrupt(Fault.Corruption)
        case streamCut(afterTokens: Int)
    }

    public var name: String
    public var kind: Kind
    /// `nil` means every provider.
    public var targets: [String]?
    /// `nil` means until removed.
    public var duration: TimeSpan?
    public var probability: Double
    /// For failing faults: how long the injected answer takes.
    public var delay: TimeSpan?

    public static let supportedTypes = ["latency", "error", "timeout", "unavailable", "rate_limit", "corrupt", "stream_cut"]

    // MARK: - Parsing

    /// The fault in `json`, or a message saying what is wrong with it.
    public static func parse(_ json: JSONValue) -> Result<FaultSpec, FaultSpecError> {
        guard case .object = json else { return .failure(FaultSpecError("the body must be a JSON object")) }
        guard let type = json["type"]?.string else { return .failure(FaultSpecError("missing \"type\"")) }
        func duration(_ key: String) -> Result<TimeSpan?, FaultSpecError> {
            guard let value = json[key], !value.isNull else { return .success(nil) }
            guard let span = Self.duration(value) else { return .failure(FaultSpecError("\"\(key)\" is not a duration")) }
            return .success(span)
        }
        do {
            let kind: Kind
            switch type {
            case "latency":
                guard let delay = try duration("delay").get() else { return .failure(FaultSpecError("latency needs \"delay\"")) }
                kind = .latency(delay: delay, jitter: try duration("jitter").get() ?? .zero)
            case "error":
                kind = .error(status: json["status"]?.int ?? 500)
            case "timeout":
                kind = .timeout
            case "unavailable":
                kind = .unavailable
            case "rate_limit":
                kind = .rateLimit(retryAfter: try duration("retry_after").get() ?? .seconds(1))
            case "corrupt":
                let how = json["how"]?.string ?? "malformed"
                guard let corruption = Fault.Corruption(rawValue: how) else {
                    return .failure(FaultSpecError("\"how\" must be one of truncate, malformed, empty, wrong_schema"))
                }
                kind = .corrupt(corruption)
            case "stream_cut":
                kind = .streamCut(afterTokens: max(0, json["after_tokens"]?.int ?? 1))
            default:
                return .failure(FaultSpecError("unsupported fault type \"\(type)\"; supported: "
                                               + supportedTypes.joined(separator: ", ")))
            }
            var targets: [String]?
            switch json["target"] {
            case .string(let name) where name != "*": targets = [name]
            case .array(let names): targets = names.compactMap(\.string)
            default: targets = nil
            }
            guard let probability = Self.ratio(json["probability"] ?? .double(1)) else {
                return .failure(FaultSpecError("\"probability\" must be a ratio such as \"50%\""))
            }
            return .success(FaultSpec(name: json["name"]?.string ?? type, kind: kind, targets: targets,
                                      duration: try duration("for").get(), probability: probability,
                                      delay: try duration("delay").get()))
        } catch {
            return .failure(error)
        }
    }

    /// `"250ms"`, `"1.5s"`, `"2m"`, `"1h"`, `"1m30s"`, or a number of seconds.
    static func duration(_ value: JSONValue) -> TimeSpan? {
        if let seconds = value.double { return seconds >= 0 ? .seconds(seconds) : nil }
        guard var text = value.string?.trimmingSpaces, !text.isEmpty else { return nil }
        var total = TimeSpan.zero
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        while !text.isEmpty {
            let number = text.prefix { $0.isNumber || $0 == "." }
            text.removeFirst(number.count)
            guard let amount = Double(number),
                  let unit = units.first(where: { text.hasPrefix($0.0) && !(text.hasPrefix("ms") && $0.0 == "m") })
            else { return nil }
            text.removeFirst(unit.0.count)
            total += .seconds(amount * unit.1)
        }
        return total
    }

    /// `"50%"` or a number in [0, 1].
    static func ratio(_ value: JSONValue) -> Double? {
        var fraction = value.double
        if let text = value.string?.trimmingSpaces {
            fraction = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        }
        guard let fraction, (0...1).contains(fraction) else { return nil }
        return fraction
    }
}

/// Why a posted fault was refused.
public struct FaultSpecError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
