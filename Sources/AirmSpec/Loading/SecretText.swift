/// Keys written into an experiment file: found at load, and never shown again.
///
/// An `api_key` made only of `${VAR}` references names where the key comes from, which is safe to
/// keep in a repository and in reports. Anything else, a literal or a `${VAR:-default}`, puts a
/// key's text in the file: `validate` warns at its line, and the copy of the file kept in
/// `Experiment.source` (embedded in the JSON and HTML reports) has that text replaced.
enum SecretText {
    static let redacted = "<redacted>"

    /// Whether `raw`, an `api_key`'s text before expansion, holds key material of its own.
    static func exposes(_ raw: String) -> Bool {
        var rest = Substring(raw)
        while let start = rest.range(of: "${") {
            guard !rest[rest.startIndex..<start.lowerBound].contains(where: { !$0.isWhitespace }) else { return true }
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { return true }
            if rest[start.upperBound..<end].contains(":-") { return true }
            rest = rest[rest.index(after: end)...]
        }
        return rest.contains { !$0.isWhitespace }
    }

    /// `source` with the text `raw` on line `line` (1-based) replaced; the rest of that line from
    /// `column` on when the text is not found there as written (a folded or escaped scalar).
    static func redact(_ source: String, line: Int, column: Int, raw: String) -> String {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard line >= 1, line <= lines.count, !raw.isEmpty else { return source }
        let text = lines[line - 1]
        if let range = text.range(of: raw) {
            lines[line - 1] = text.replacingCharacters(in: range, with: redacted)
        } else {
            let keep = text.prefix(max(0, column - 1))
            lines[line - 1] = keep + redacted
        }
        return lines.joined(separator: "\n")
    }
}
