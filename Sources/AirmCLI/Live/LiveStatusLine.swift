import AirmHTTP
import AirmSpec

/// Formats the progress of a live run: one line, e.g.
/// `live  12.3s/30.0s  98.7 req/s  in flight 41  gemini closed, cohere open`.
enum LiveStatusLine {
    static func format(_ progress: LiveProgress, name: String) -> String {
        let elapsed = String(format: "%.1fs", progress.elapsed.seconds)
        let total = String(format: "%.1fs", progress.total.seconds)
        let rate = String(format: "%.1f req/s", progress.requestsPerSecond)
        let breakers = progress.breakers.map { "\($0.provider) \($0.state.rawValue)" }.joined(separator: ", ")
        var line = "\(name)  \(elapsed)/\(total)  \(rate)  in flight \(progress.inFlight)"
        if !breakers.isEmpty { line += "  \(breakers)" }
        if progress.stopping { line += "  (interrupted: finishing calls in flight)" }
        return line
    }
}
