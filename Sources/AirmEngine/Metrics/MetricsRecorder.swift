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

    public init(plan runPlan: Plan) {
        experiment = runPlan.experiment
        layout = CounterLayout(streams: experiment.traffic.count, providers: experiment.providers.count)
        plan = WindowPlan(plan: runPlan, layout: layout)
        windowStarts = plan.frames.map(\.start)
        windowEnds = plan.frames.map(\.end)
        let frames = 1 + plan.frames.count
        counters = Array(repeating: 0, count: frames * layout.frameSize)
        histogramIndex = Self.histogramIndex(layout: layout, plan: plan, frames: frames)
        histograms = Array(repeating: LatencyHistogram(), count: (histogramIndex.max() ?? -1) + 1)
        series = SeriesTrack(plan: runPlan)
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
        let streamScope = 1 + request.stream
        let t = request.scheduledAt.nanoseconds
        let attempts = request.attempts
        let frameSize = layout.frameSize
        let streamOffset = streamScope * CounterLayout.requestBlock
        let starts = windowStarts, ends = windowEnds
        counters.withUnsafeMutableBufferPointer { c in
            Self.bump(c, base: 0, streamOffset: streamOffset, outcome: outcome, attempts: attempts)
            for w in 0..<starts.count where starts[w] <= t && t < ends[w] {
                Self.bump(c, base: (w + 1) * frameSize, streamOffset: streamOffset, outcome: outcome, attempts: attempts)
            }
        }
        if request.outcome != .dropped {
            let latency = request.endedAt.nanoseconds - t
            let scopes = layout.latencyScopes
            let answered = outcome <= CounterLayout.slot(of: .fallback) ? layout.answeredLatencyScope(0) : -1
            recordLatency(latency, frameBase: 0, streamScope: streamScope, answered: answered)
            for w in 0..<starts.count where starts[w] <= t && t < ends[w] {
                recordLatency(latency, frameBase: (w + 1) * scopes, streamScope: streamScope, answered: answered)
            }
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
        let t = attempt.startedAt.nanoseconds
        let base = layout.providerBase(frame: 0, provider: attempt.provider)
        let frameSize = layout.frameSize
        let starts = windowStarts, ends = windowEnds
        counters.withUnsafeMutableBufferPointer { c in
            c[base + CounterLayout.callsSlot] &+= 1
            c[base + slot] &+= 1
            for w in 0..<starts.count where starts[w] <= t && t < ends[w] {
                let frameBase = base + (w + 1) * frameSize
                c[frameBase + CounterLayout.callsSlot] &+= 1
                c[frameBase + slot] &+= 1
            }
        }
        let scopes = layout.latencyScopes
        let scope = layout.providerLatencyScope(attempt.provider)
        recordLatency(latency, histogram: histogramIndex[scope])
        for w in 0..<starts.count where starts[w] <= t && t < ends[w] {
            recordLatency(latency, histogram: histogramIndex[(w + 1) * scopes + scope])
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

    /// `frame * layout.latencyScopes + scope` → histogram, for the scopes kept: every scope in frame 0,
    /// the scopes an assertion reads in the others. With one traffic stream, the stream's requests
    /// are the run's, so the stream's scopes share the run's histograms and each latency is recorded once.
    private static func histogramIndex(layout: CounterLayout, plan: WindowPlan, frames: Int) -> [Int] {
        let scopes = layout.latencyScopes
        let stream = layout.streamLatencyScope(0), run = layout.runLatencyScope()
        let twins = layout.streams == 1
            ? [stream: run, layout.answeredLatencyScope(stream): layout.answeredLatencyScope(run)] : [:]
        var index = Array(repeating: -1, count: frames * scopes)
        var count = 0
        for frame in 0..<frames {
            let kept = frame == 0 ? Set(0..<scopes) : plan.latencyScopes[frame]
            for scope in 0..<scopes where kept.contains(scope) {
                if let twin = twins[scope], kept.contains(twin) {
                    index[frame * scopes + scope] = index[frame * scopes + twin]
                } else {
                    index[frame * scopes + scope] = count
                    count += 1
                }
            }
        }
        return index
    }

    // MARK: - Hot path helpers

    @inline(__always)
    private static func bump(_ c: UnsafeMutableBufferPointer<Int>, base: Int, streamOffset: Int, outcome: Int, attempts: Int) {
        c[base + outcome] &+= 1
        c[base + CounterLayout.attemptsSlot] &+= attempts
        c[base + streamOffset + outcome] &+= 1
        c[base + streamOffset + CounterLayout.attemptsSlot] &+= attempts
    }

    /// Records a request's latency in the run's and its stream's histograms of one frame, where kept,
    /// and in their answered ones when `answered` is the run's answered scope (-1 for a request not answered).
    @inline(__always)
    private mutating func recordLatency(_ latency: Int64, frameBase: Int, streamScope: Int, answered: Int) {
        recordLatency(latency, histogram: histogramIndex[frameBase], and: histogramIndex[frameBase + streamScope])
        guard answered >= 0 else { return }
        recordLatency(latency, histogram: histogramIndex[frameBase + answered],
                      and: histogramIndex[frameBase + answered + streamScope])
    }

    /// Records in a run histogram and a stream's, once when they are one histogram (a single stream).
    @inline(__always)
    private mutating func recordLatency(_ latency: Int64, histogram run: Int, and stream: Int) {
        recordLatency(latency, histogram: run)
        if stream != run { recordLatency(latency, histogram: stream) }
    }

    @inline(__always)
    private mutating func recordLatency(_ latency: Int64, histogram: Int) {
        if histogram >= 0 { histograms[histogram].record(nanoseconds: latency) }
    }
}
