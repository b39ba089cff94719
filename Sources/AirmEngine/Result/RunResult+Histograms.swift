import AirmSpec
import Histogram

extension RunResult {
    /// The latency histograms behind `summary.latency_ms`, `summary.answered_latency_ms` and each
    /// provider's `latency_ms`, in microseconds, each in HdrHistogram's compressed V2 encoding in
    /// base64 (`HistogramCoding`; docs/result-format.md "histograms").
    public struct Histograms: Sendable, Codable, Equatable {
        /// Every request that started, failures included.
        public var latency: String
        /// Answered requests only: ok and fallback.
        public var answeredLatency: String
        /// Keyed by provider name: every attempt's latency.
        public var providers: [String: String]
        enum CodingKeys: String, CodingKey {
            case latency, providers
            case answeredLatency = "answered_latency"
        }

        public init(latency: String, answeredLatency: String, providers: [String: String]) {
            self.latency = latency
            self.answeredLatency = answeredLatency
            self.providers = providers
        }
    }
}

extension RunResultBuilder {
    /// The histograms of `recorder`'s whole run, encoded.
    static func histograms(_ experiment: Experiment, _ recorder: MetricsRecorder) -> RunResult.Histograms {
        let run = recorder.layout.runLatencyScope()
        func encoded(_ scope: Int) -> String {
            HistogramCoding.base64(recorder.latency(frame: 0, scope: scope)?.histogram ?? LatencyHistogram<UInt64>().histogram)
        }
        var providers: [String: String] = [:]
        for (index, provider) in experiment.providers.enumerated() {
            providers[provider.name] = encoded(recorder.layout.providerLatencyScope(index))
        }
        return RunResult.Histograms(latency: encoded(run), answeredLatency: encoded(recorder.layout.answeredLatencyScope(run)),
                                    providers: providers)
    }
}
