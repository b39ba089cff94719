/// `airm compare --format markdown`: a comparison fit for a pull-request comment.
extension ComparisonFormatter {
    /// A heading, the two runs, the regressions, the flipped assertions and the figures, as
    /// GitHub-flavoured Markdown tables. Names are escaped so that `|`, backticks and `<` in an
    /// experiment or assertion name cannot break a table or start code or HTML.
    public static func markdown(_ comparison: Comparison) -> String {
        let (before, after) = (comparison.before, comparison.after)
        let (a, b) = (cell(comparison.beforeLabel), cell(comparison.afterLabel))
        var out = before.experiment == after.experiment
            ? "### airm compare: \(cell(after.experiment))\n\n"
            : "### airm compare: \(cell(before.experiment)) with \(cell(after.experiment))\n\n"
        out += "| | \(a) (baseline) | \(b) |\n|---|---|---|\n"
        out += "| time | \(before.startedAt) | \(after.startedAt) |\n"
        out += "| mode | \(before.mode) | \(after.mode) |\n"
        out += "| commit | \(commit(before)) | \(commit(after)) |\n"
        out += "| verdict | \(verdict(before.verdict)) | \(verdict(after.verdict)) |\n\n"
        out += regressions(comparison.regressions)
        out += assertions(comparison.flippedAssertions, a, b)
        out += "| figure | \(a) | \(b) | delta | change |\n|---|---:|---:|---:|---|\n"
        for figure in comparison.figures {
            let cells = figureCells(figure)
            let change = figure.direction == .worse ? "**worse**" : cells[4]
            out += "| \(cells[0]) | \(cells[1]) | \(cells[2]) | \(cells[3]) | \(change) |\n"
        }
        return out
    }

    // MARK: - Parts

    private static func regressions(_ regressions: [Comparison.Regression]) -> String {
        guard !regressions.isEmpty else { return "No regressions.\n\n" }
        let title = regressions.count == 1 ? "1 regression" : "\(regressions.count) regressions"
        return "**\(title)**\n\n" + regressions.map { "- \(cell(describe($0)))\n" }.joined() + "\n"
    }

    private static func assertions(_ flipped: [Comparison.FlippedAssertion], _ a: String, _ b: String) -> String {
        guard !flipped.isEmpty else { return "No assertion flipped.\n\n" }
        var out = "| assertion | \(a) | \(b) |\n|---|---|---|\n"
        for assertion in flipped {
            out += "| \(cell(assertion.name)) | \(outcome(assertion.before)) | \(outcome(assertion.after)) |\n"
        }
        return out + "\n"
    }

    private static func commit(_ run: RunRow) -> String {
        run.commitLabel.map { "`\($0)`" } ?? FigureFormat.missing
    }

    private static func verdict(_ verdict: String) -> String {
        verdict == "passed" ? verdict : "**\(cell(verdict))**"
    }

    /// Text for a table cell or a list item: `|`, backticks, `*`, `_` and `\` escaped, `<` as
    /// `&lt;`, line breaks as spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|", "`", "\\", "*", "_": out += "\\" + String(character)
            case "<": out += "&lt;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
