import AirmEngine
import AirmSpec

/// Reads the states of an app's breakers from one answer of its status endpoint
/// (docs/app-mode.md "Reading the app's breakers"): Prometheus text or JSON, as `app.breakers`
/// says. Pure: bytes in, provider names and states out.
public enum BreakerStates {
    /// The state of each breaker the answer names, keyed by provider (through `reading.names`).
    public static func read(_ body: [UInt8], as reading: BreakerReading) -> [String: BreakerState] {
        var states: [String: BreakerState] = [:]
        let named: [(String, BreakerState)]
        switch reading.source {
        case .prometheus(let metric, let nameLabel, let stateLabel, let values):
            named = prometheus(String(decoding: body, as: UTF8.self), metric: metric, nameLabel: nameLabel,
                               stateLabel: stateLabel, values: values)
        case .json(let path):
            named = JSONValue.parse(body).map { json(in: $0, path: path) } ?? []
        }
        for (name, state) in named { states[reading.names[name] ?? name] = state }
        return states
    }

    /// `closed`, `OPEN`, `half-open`, `HALF_OPEN`, `halfOpen` … as a state.
    public static func state(_ text: String) -> BreakerState? {
        let key = text.lowercased().filter { $0.isLetter }
        switch key {
        case "closed": return .closed
        case "open": return .open
        case "halfopen": return .halfOpen
        case "forcedopen": return .forcedOpen
        case "disabled": return .disabled
        default: return nil
        }
    }

    // MARK: - Prometheus text

    static func prometheus(_ text: String, metric: String, nameLabel: String, stateLabel: String?,
                           values: [Double: BreakerState]) -> [(String, BreakerState)] {
        var found: [(String, BreakerState)] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#"), let sample = PrometheusSample(line), sample.name == metric,
                  let name = sample.labels[nameLabel] else { continue }
            if let stateLabel {
                if sample.value == 1, let label = sample.labels[stateLabel], let state = state(label) { found.append((name, state)) }
            } else if let state = values[sample.value] {
                found.append((name, state))
            }
        }
        return found
    }

    // MARK: - JSON

    static func json(in document: JSONValue, path: String) -> [(String, BreakerState)] {
        guard let steps = JSONPathSubset.steps(path) else { return [] }
        var nodes = [document]
        for step in steps {
            switch step {
            case .key(let key): nodes = nodes.compactMap { $0[key] }
            case .all: nodes = nodes.flatMap { node -> [JSONValue] in
                if let items = node.array { return items }
                if case .object(let members) = node { return members.map(\.value) }
                return []
            }
            }
        }
        var found: [(String, BreakerState)] = []
        for node in nodes.flatMap({ $0.array ?? [$0] }) {
            let name = node["name"]?.string ?? node["provider"]?.string ?? node["id"]?.string
            if let name, let text = node["state"]?.string, let state = state(text) {
                found.append((name, state))
            } else if case .object(let members) = node {
                for member in members {
                    if let text = member.value.string ?? member.value["state"]?.string, let state = state(text) {
                        found.append((member.key, state))
                    }
                }
            }
        }
        return found
    }
}

/// One sample line of the Prometheus text format: `name{label="value",…} value [timestamp]`.
struct PrometheusSample {
    var name: String
    var labels: [String: String] = [:]
    var value: Double

    init?(_ line: Substring) {
        var rest = line.drop { $0 == " " }
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        name = String(rest[rest.startIndex..<nameEnd])
        rest = rest[nameEnd...]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while let equals = rest.firstIndex(of: "=") {
                let key = rest[rest.startIndex..<equals].trimmingSpacesAndCommas
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                var value = ""
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        value.append(character == "n" ? "\n" : character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        value.append(character)
                    }
                }
                labels[key] = value
                rest = rest.drop { $0 == "," || $0 == " " }
                if rest.first == "}" { break }
            }
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard let first = fields.first else { return nil }
        switch first {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        default:
            guard let number = Double(first) else { return nil }
            value = number
        }
    }
}

extension Substring {
    var trimmingSpacesAndCommas: String { String(drop { $0 == " " || $0 == "," }.reversed().drop { $0 == " " }.reversed()) }
}
