extension UnitParser {
    // MARK: - Time references

    /// A duration from the start, `start`, `end`, `<fault>.start` or `<fault>.end`, optionally
    /// followed by `+ 5s` or `- 5s` (spaces optional). Fault names are not checked against a file here.
    public static func timeReference(_ text: String) -> Result<TimeReference, UnitError> {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty {
            return .failure(UnitError("empty time reference", hint: "write e.g. `30s`, `end - 10s` or `gemini-outage.start + 5s`"))
        }
        let anchor: TimeReference.Anchor
        var rest: Substring
        var baseOffset = TimeSpan.zero
        if let (word, remainder) = leadingWord(trimmed), word == "start" || word == "end" {
            anchor = word == "start" ? .runStart : .runEnd
            rest = remainder
        } else if let dot = trimmed.firstIndex(of: "."), let (name, remainder) = faultAnchor(trimmed, dot: dot) {
            guard Names.isValid(name) else {
                return .failure(UnitError("`\(name)` is not a fault name", hint: "fault names match [a-z0-9_-]+"))
            }
            anchor = remainder.word == "start" ? .faultStart(name) : .faultEnd(name)
            rest = remainder.rest
        } else {
            // A plain duration, possibly with an offset: `30s`, `30s + 5s`.
            let body = trimmed.dropFirst()
            let split = body.firstIndex { $0 == "+" || $0 == "-" } ?? trimmed.endIndex
            let base = String(trimmed[trimmed.startIndex..<split])
            if trimmed.first?.isLetter == true, Names.isValid(trimmed), case .failure = duration(trimmed) {
                return .failure(UnitError("`\(trimmed)` is not a time reference",
                                          hint: "to name a fault, write `\(trimmed).start` or `\(trimmed).end`"))
            }
            switch duration(base) {
            case .success(let span): baseOffset = span
            case .failure(let error): return .failure(error)
            }
            anchor = .runStart
            rest = trimmed[split...]
        }
        switch offset(rest, whole: trimmed) {
        case .success(let extra): return .success(TimeReference(anchor: anchor, offset: baseOffset + extra))
        case .failure(let error): return .failure(error)
        }
    }

    /// `+ 5s`, `-5s`, or nothing.
    private static func offset(_ rest: Substring, whole: String) -> Result<TimeSpan, UnitError> {
        let text = String(rest).trimmingSpaces
        if text.isEmpty { return .success(.zero) }
        guard let sign = text.first, sign == "+" || sign == "-" else {
            return .failure(UnitError("`\(whole)` is not a time reference", hint: "an offset is written `+ 5s` or `- 5s`"))
        }
        switch duration(String(text.dropFirst())) {
        case .success(let span): return .success(sign == "-" ? TimeSpan(nanoseconds: -span.nanoseconds) : span)
        case .failure(let error): return .failure(error)
        }
    }

    /// `start` or `end` at the front, followed by nothing, a space or a sign.
    private static func leadingWord(_ text: String) -> (String, Substring)? {
        let word = text.prefix { $0.isLetter }
        let rest = text.dropFirst(word.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "+" || rest.first == "-" else { return nil }
        return (String(word), rest)
    }

    /// `<name>.start` or `<name>.end` with the rest after it.
    private static func faultAnchor(_ text: String, dot: String.Index) -> (String, (word: String, rest: Substring))? {
        let name = String(text[text.startIndex..<dot])
        let after = text[text.index(after: dot)...]
        let word = after.prefix { $0.isLetter }
        guard word == "start" || word == "end" else { return nil }
        let rest = after.dropFirst(word.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "+" || rest.first == "-" else { return nil }
        return (name, (String(word), rest))
    }

    // MARK: - Windows

    /// The textual form of a window, as `Window.description` prints it: `run`, `during <fault>`,
    /// `before <fault>`, `after <fault>`, `from <time ref> to <time ref>`.
    public static func window(_ text: String) -> Result<Window, UnitError> {
        let trimmed = text.trimmingSpaces
        if trimmed == "run" { return .success(.run) }
        let words = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else {
            return .failure(UnitError("`\(trimmed)` is not a window", hint: "write `during <fault>`, `before <fault>`, `after <fault>` or `from <time> to <time>`"))
        }
        let argument = words[1].trimmingSpaces
        switch words[0] {
        case "during", "before", "after":
            guard Names.isValid(argument) else {
                return .failure(UnitError("`\(argument)` is not a fault name", hint: "fault names match [a-z0-9_-]+"))
            }
            return .success(words[0] == "during" ? .during(argument) : words[0] == "before" ? .before(argument) : .after(argument))
        case "from":
            guard let range = argument.range(of: " to ") else {
                return .failure(UnitError("`\(trimmed)` has no end", hint: "write `from <time> to <time>`"))
            }
            let from = timeReference(String(argument[argument.startIndex..<range.lowerBound]))
            let to = timeReference(String(argument[range.upperBound...]))
            switch (from, to) {
            case (.success(let start), .success(let end)): return .success(.range(from: start, to: end))
            case (.failure(let error), _), (_, .failure(let error)): return .failure(error)
            }
        default:
            return .failure(UnitError("`\(trimmed)` is not a window", hint: "write `during <fault>`, `before <fault>`, `after <fault>` or `from <time> to <time>`"))
        }
    }
}
