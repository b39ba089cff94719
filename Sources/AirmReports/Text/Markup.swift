/// Escaping for the markup languages the reporters write: XML 1.0, HTML and Markdown table cells.
///
/// Every string that comes from a result (names, messages, reasons, the experiment's source)
/// goes through one of these before it is written.
enum Markup {
    // MARK: - Characters

    /// Whether `scalar` may appear in an XML 1.0 document:
    /// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` without the characters XML 1.0 does not allow (ESC, NUL, U+FFFE, …).
    static func strippingInvalidXML(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter(isXMLChar))
        return String(scalars)
    }

    // MARK: - XML

    /// Character data for an element's content: invalid characters stripped, `& < >` escaped,
    /// carriage returns kept as `&#13;` so parsers do not fold them into newlines.
    static func xmlText(_ text: String) -> String {
        escape(text, attribute: false)
    }

    /// An attribute value for use between double quotes: also escapes `" '` and keeps
    /// tabs and newlines as character references, which attribute normalisation would otherwise turn into spaces.
    static func xmlAttribute(_ text: String) -> String {
        escape(text, attribute: true)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - HTML

    /// Text safe in HTML content and in quoted attribute values: `& < > " '` escaped,
    /// control characters other than tab, newline and carriage return removed.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: - Markdown

    /// Text for one cell of a GitHub-flavoured Markdown table: `|` escaped, line breaks
    /// folded into spaces, `<` written as `&lt;` so no HTML tag can form, `[` and `]` escaped so
    /// no link or image can form.
    static func markdownCell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case "[", "]": out += "\\" + String(scalar)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for running Markdown outside tables: like a cell, but `|` needs no escape.
    static func markdownInline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars where isXMLChar(scalar) {
            switch scalar {
            case "<": out += "&lt;"
            case "[", "]": out += "\\" + String(scalar)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
