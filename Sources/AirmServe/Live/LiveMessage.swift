import AirmEngine
import AirmSpec
import Foundation

/// What the dashboard's event stream carries (docs/serve.md "Dashboard"): one JSON object per
/// server-sent event, named by the event's type. Times are ISO 8601 wall-clock times, so a
/// page on another host counts down with its own clock.
enum LiveMessage {
    struct Transition: Encodable {
        var seq: Int
        var provider: String
        var from: String
        var to: String
        var reason: String
        var at: String
    }

    struct Request: Encodable {
        var seq: Int
        var id: UInt64
        var at: String
        var source: String
        var provider: String?
        var outcome: String
        var attempts: Int
        var latencyMs: Double
        var failure: String?
        var fault: String?

        /// `call`, which ended at `ended`, stamped with its arrival.
        init(seq: Int, call: CallRecord, ended: Date) {
            self.seq = seq
            id = call.id
            at = JSONResponse.timestamp(ended.addingTimeInterval(-call.latency.seconds))
            source = call.source.rawValue
            provider = call.provider
            outcome = call.outcome.rawValue
            attempts = call.attempts
            latencyMs = JSONResponse.milliseconds(call.latency)
            failure = call.failure?.rawValue
            fault = call.fault
        }
    }

    struct Fault: Encodable {
        var seq: Int
        var name: String
        var type: String
        var target: String
        var origin: String
        var starts: String
        var ends: String
        /// For a stopped fault: whether an operator stopped it before its end.
        var early: Bool?
    }

    struct Automation: Encodable {
        var seq: Int
        var name: String
        var rate: String?
        var running: Bool
    }

    struct BreakerAction: Encodable {
        var seq: Int
        var provider: String
        var action: String
        var changed: Bool
    }

    /// Requests per second by outcome over the last `windowSeconds`, and latency percentiles over
    /// the last `latencyWindowSeconds` (answered calls only).
    struct Stats: Encodable {
        var seq: Int
        var at: String
        var windowSeconds: Double
        var rates: [String: Double]
        var latencyWindowSeconds: Double
        var p50Ms: Double?
        var p95Ms: Double?
        var p99Ms: Double?
        var requests: Int
    }

    struct Breaker: Encodable {
        var provider: String
        var state: String
        var since: String?
    }

    /// Sent first on every connection: the state the later events change.
    struct Snapshot: Encodable {
        var seq: Int
        var now: String
        var started: String
        var breakers: [Breaker]
        var transitions: [Transition]
        var faults: [Fault]
        var automation: Automation?
        var requests: [Request]
        var stats: Stats
    }

    /// One line of JSON, as the API's answers are written (`JSONResponse.encoder`).
    static func encode(_ value: some Encodable) -> String {
        guard let data = try? JSONResponse.encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
