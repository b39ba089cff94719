extension HTMLReporter {
    /// What the report's figures mean, in short; docs/metrics.md gives them in full. The header
    /// tiles link here, so a report read far from the repository still explains itself.
    static let glossary: [(term: String, meaning: String)] = [
        ("ok · fallback · degraded · failed · dropped",
         "a request's outcome: the first provider answered · a later one did · the static fallback answer was served · no answer · never started (max_in_flight)"),
        ("success rate", "(ok + fallback) ÷ requests: a real model answered"),
        ("availability", "(ok + fallback + degraded) ÷ requests: the caller got some answer"),
        ("latency, all requests", "scheduled arrival → outcome for every request that started, failures included; fast failures pull it down"),
        ("latency, answered requests", "the same, for ok and fallback requests only"),
        ("provider latency", "each call's start → end at that provider, successful or not"),
        ("calls · rejected", "attempts a breaker let through · attempts it refused (no call was made)"),
        ("time to open · time to close", "a fault's start → the first open of a breaker it targets · its end → the first close"),
    ]

    static func appendGlossary(to out: inout String) {
        out += "<section id=\"metrics\">\n<details><summary>What these figures mean</summary>\n<dl class=\"glossary\">"
        for (term, meaning) in glossary {
            out += "<dt>\(Markup.html(term))</dt><dd>\(Markup.html(meaning))</dd>"
        }
        out += "</dl>\n<p class=\"muted\">Full definitions: docs/metrics.md in airm's repository.</p>\n</details>\n</section>\n"
    }
}
