import Yams

/// What reading one traffic stream gave: the stream when it is valid, and every diagnostic found.
public struct StreamLoadResult: Sendable {
    /// `nil` whenever `diagnostics` holds an error.
    public var stream: TrafficStream?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension ExperimentLoader {
    /// Reads one traffic stream mapping, in YAML or JSON, with the same keys and rules as an
    /// entry of an experiment's `traffic:` (`airm serve`'s `POST /automation/start`).
    ///
    /// Standing alone, the stream has no run to refer to: `start` and burst times must be plain
    /// times, measured from when the stream starts. Never traps.
    public static func loadStream(source: String, file: String) -> StreamLoadResult {
        let document = YAMLDocument(source: source, file: file)
        guard let root = document.root else {
            let empty = Diagnostic.error("the traffic stream is empty", at: SourceLocation(file: file, line: 1, column: 1),
                                         hint: "give a traffic stream mapping, e.g. `{rate: 0.5/s}`")
            let blank = source.allSatisfy(\.isWhitespace) || document.diagnostics.isEmpty
            return StreamLoadResult(stream: nil, diagnostics: blank ? [empty] : document.diagnostics)
        }
        let context = LoadContext(file: file, environment: [:], duplicates: document.duplicates)
        let reader = ExperimentReader(context: context, faultTypes: FaultVocabulary([]))
        var stream = reader.readStream(root, index: 0)
        context.reportRemainingDuplicates()
        for reference in reader.referencedTimes where reference.anchor != .runStart {
            context.error("a traffic stream started alone cannot refer to `\(reference)`",
                          at: reference.location ?? stream?.location ?? context.start, hint: "give a time from now, e.g. `start: 10s`")
        }
        if context.hasErrors { stream = nil }
        return StreamLoadResult(stream: stream, diagnostics: document.diagnostics + context.diagnostics)
    }
}

extension ExperimentReader {
    /// The stream start and burst times read so far.
    var referencedTimes: [TimeReference] { streamTimes.map(\.start) + burstTimes }
}
