import AirmSpec

/// Aggregates a run's samples as a driver streams them: counts, HDR latency histograms and the
/// time series, for the whole run, per traffic stream, per provider and per assertion window.
///
/// Memory is fixed when the recorder is made from the experiment: it grows with neither the request
/// count nor the run's length. Recording does no allocation and no lookup by name; windows are
/// matched with two comparisons each.
public struct MetricsRecorder: SampleRecorder, Sendable {
    let experiment: Experiment
    let layout: CounterLayout
    let plan: WindowPlan
    /// Frame starts and ends in nanoseconds for frames 1…, as flat arrays for the hot path.
    private let windowStarts: [Int64]
    private let windowEnds: [Int64]

    var counters: [Int]
    var histograms: [LatencyHistogram<UInt64>]
    /// `frame * layout.latencyScopes + scope` → index into `histograms`, or -1 when not kept.
    let histogramIndex: [Int]
    var series: SeriesTrack
    /// Every breaker transition, in the order recorded.
    public private(set) var transitions: [TransitionRecord] = []

    public init(experiment: Experiment) {
        self.experiment = experiment
        layout = CounterLayout(streams: experiment.traffic.count, providers: experiment.providers.count)
        plan = WindowPlan(experiment: experiment, layout: layout)
        windowStarts = plan.frames.map(\.start)
        windowEnds = plan.frames.map(\.end)
        let frames = 1 + plan.frames.count
        counters = Array(repeating: 0, count: frames * layout.frameSize)
        var index = Array(repeating: -1, count: frames * layout.latencyScopes)
        var count = 0
        for frame in 0..<frames {
            for scope in 0..<layout.latencyScopes where frame == 0 || plan.latencyScopes[frame].contains(scope) {
                index[frame * layout.latencyScopes + scope] = count
                count += 1
            }
        }
        histogramIndex = index
        histograms = Array(repeating: LatencyHistogram(), count: count)
        series = SeriesTrack(experiment: experiment)
    }

    /// Histograms held, whatever the request count: run, streams, providers, windows and the series ring.
    public var histogramCount: Int { histograms.count + series.histogramCount }

    /// Buckets the time series can hold, fixed when the recorder is made.
    public var bucketCapacity: Int { series.capacity }

    /// The time series' bucket size.
    public var bucket: TimeSpan { TimeSpan(nanoseconds: series.bucketNanoseconds) }

    // MARK: - SampleRecorder

    public mutating func record(_ request: RequestSample) {
        let outcome = CounterLayout.slot(of: request.outcome)
        let latency = request.endedAt.nanoseconds - request.scheduledAt.nanoseconds
        let dropped = request.outcome == .dropped
        let streamScope = 1 + request.stream
        count(request, frame: 0, outcome: outcome, streamScope: streamScope, latency: dropped ? nil : latency)
        let t = request.scheduledAt.nanoseconds
        for w in 0..<windowStarts.count where windowStarts[w] <= t && t < windowEnds[w] {
            count(request, frame: w + 1, outcome: outcome, streamScope: streamScope, latency: dropped ? nil : latency)
        }
        series.record(request, outcomeSlot: outcome)
    }

    public mutating func record(_ attempt: AttemptSample) {
        let slot: Int
        switch attempt.result {
        case .success: slot = CounterLayout.successesSlot
        case .failure(let kind): slot = CounterLayout.errorsSlot + CounterLayout.slot(of: kind)
        }
        let latency = attempt.endedAt.nanoseconds - attempt.startedAt.nanoseconds
        count(attempt.provider, slot: slot, frame: 0, latency: latency)
        let t = attempt.startedAt.nanoseconds
        for w in 0..<windowStarts.count where windowStarts[w] <= t && t < windowEnds[w] {
            count(attempt.provider, slot: slot, frame: w + 1, latency: latency)
        }
        series.count(provider: attempt.provider, slot: CounterLayout.callsSlot, at: attempt.startedAt)
        series.count(provider: attempt.provider, slot: slot, at: attempt.startedAt)
    }

    public mutating func recordRejection(provider: Int, at time: TimeSpan) {
        counters[layout.providerBase(frame: 0, provider: provider) + CounterLayout.rejectedSlot] &+= 1
        let t = time.nanoseconds
        for w in 0..<windowStarts.count where windowStarts[w] <= t && t < windowEnds[w] {
            counters[layout.providerBase(frame: w + 1, provider: provider) + CounterLayout.rejectedSlot] &+= 1
        }
        series.count(provider: provider, slot: CounterLayout.rejectedSlot, at: time)
    }

    public mutating func record(_ transition: TransitionRecord) {
        transitions.append(transition)
    }

    // MARK: - Hot path helpers

    @inline(__always)
    private mutating func count(_ request: RequestSample, frame: Int, outcome: Int, streamScope: Int, latency: Int64?) {
        let run = layout.requestBase(frame: frame, scope: 0)
        let stream = layout.requestBase(frame: frame, scope: streamScope)
        counters[run + outcome] &+= 1
        counters[run + CounterLayout.attemptsSlot] &+= request.attempts
        counters[stream + outcome] &+= 1
        counters[stream + CounterLayout.attemptsSlot] &+= request.attempts
        guard let latency else { return }
        let base = frame * layout.latencyScopes
        let runHistogram = histogramIndex[base]
        if runHistogram >= 0 { histograms[runHistogram].record(nanoseconds: latency) }
        let streamHistogram = histogramIndex[base + streamScope]
        if streamHistogram >= 0 { histograms[streamHistogram].record(nanoseconds: latency) }
    }

    @inline(__always)
    private mutating func count(_ provider: Int, slot: Int, frame: Int, latency: Int64) {
        let base = layout.providerBase(frame: frame, provider: provider)
        counters[base + CounterLayout.callsSlot] &+= 1
        counters[base + slot] &+= 1
        let histogram = histogramIndex[frame * layout.latencyScopes + layout.providerLatencyScope(provider)]
        if histogram >= 0 { histograms[histogram].record(nanoseconds: latency) }
    }
}
