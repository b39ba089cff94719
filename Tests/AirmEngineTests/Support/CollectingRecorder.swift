import AirmEngine
import AirmSpec

/// A recorder that keeps every sample in order, for exact comparisons in tests.
struct CollectingRecorder: SampleRecorder {
    enum Entry: Hashable {
        case request(RequestSample)
        case attempt(AttemptSample)
        case rejection(provider: Int, at: TimeSpan)
        case transition(TransitionRecord)
    }

    var entries: [Entry] = []

    mutating func record(_ request: RequestSample) { entries.append(.request(request)) }
    mutating func record(_ attempt: AttemptSample) { entries.append(.attempt(attempt)) }
    mutating func recordRejection(provider: Int, at: TimeSpan) { entries.append(.rejection(provider: provider, at: at)) }
    mutating func record(_ transition: TransitionRecord) { entries.append(.transition(transition)) }

    var requests: [RequestSample] {
        entries.compactMap { if case .request(let r) = $0 { r } else { nil } }
    }
    var attempts: [AttemptSample] {
        entries.compactMap { if case .attempt(let a) = $0 { a } else { nil } }
    }
    var transitions: [TransitionRecord] {
        entries.compactMap { if case .transition(let t) = $0 { t } else { nil } }
    }
    var rejections: [(provider: Int, at: TimeSpan)] {
        entries.compactMap { if case .rejection(let p, let t) = $0 { (p, t) } else { nil } }
    }

    func count(_ outcome: RequestOutcome) -> Int {
        requests.filter { $0.outcome == outcome }.count
    }
}

/// Counts samples without keeping them.
struct CountingRecorder: SampleRecorder {
    var requests = 0
    var attempts = 0
    var rejections = 0
    var transitions = 0
    mutating func record(_ request: RequestSample) { requests += 1 }
    mutating func record(_ attempt: AttemptSample) { attempts += 1 }
    mutating func recordRejection(provider: Int, at: TimeSpan) { rejections += 1 }
    mutating func record(_ transition: TransitionRecord) { transitions += 1 }
}
