import Yams

extension SecretText {
    /// `source`, an experiment's text as some earlier airm kept it, with the key material of
    /// every `api_key` replaced, whether or not the file still loads: the YAML is read for its
    /// `api_key` scalars; text that is no longer YAML has every `api_key:` line cut after the colon.
    static func redactingKeys(in source: String) -> String {
        guard let root = YAMLDocument(source: source, file: "source").root else { return redactingLines(of: source) }
        var found: [(line: Int, column: Int, raw: String)] = []
        collect(root, into: &found)
        return found.reduce(source) { redact($0, line: $1.line, column: $1.column, raw: $1.raw) }
    }

    private static func collect(_ node: Node, into found: inout [(line: Int, column: Int, raw: String)]) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                if key.string == "api_key", case .scalar(let scalar) = value, exposes(scalar.string) {
                    found.append((value.mark?.line ?? 1, value.mark?.column ?? 1, scalar.string))
                }
                collect(value, into: &found)
            }
        case .sequence(let sequence):
            for item in sequence { collect(item, into: &found) }
        default:
            break
        }
    }

    private static func redactingLines(of source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let key = line.range(of: "api_key"), let colon = line[key.upperBound...].firstIndex(of: ":"),
                  exposes(String(line[line.index(after: colon)...])) else { return String(line) }
            return line[...colon] + " " + redacted
        }.joined(separator: "\n")
    }
}

extension ExperimentLoader {
    /// `source` with every `api_key` value that holds key material redacted, as `load` keeps it
    /// in `Experiment.source`; for texts kept by earlier versions (docs/result-format.md).
    public static func redactingKeys(in source: String) -> String {
        SecretText.redactingKeys(in: source)
    }
}
