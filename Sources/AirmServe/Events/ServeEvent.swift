import AirmEngine
import AirmSpec
import Foundation

/// One thing a running gateway observed, in the order it happened (docs/serve.md "Events").
///
/// Every sample of the run core (calls, attempts, rejections, breaker transitions) and every
/// operator action (faults started and stopped, breakers reset, forced open or disabled,
/// automation started and stopped) flows through this one type, so metrics, the request log
/// and the live stream all subscribe to the same sequence (`ServeObserver`).
public struct ServeEvent: Sendable {
    /// Time since the gateway started, on its monotonic clock.
    public let at: TimeSpan
    /// The wall-clock time of `at`.
    public let date: Date
    public let kind: Kind

    public init(at: TimeSpan, date: Date, kind: Kind) {
        self.at = at
        self.date = date
        self.kind = kind
    }

    public enum Kind: Sendable {
        /// A call ended, answered or not (`dropped` when it came after the gateway stopped).
        case call(CallRecord)
        /// An attempt on `provider` ended, `duration` after it started.
        case attempt(provider: String, result: AttemptResult, duration: TimeSpan)
        /// The breaker of `provider` refused an attempt.
        case rejection(provider: String)
        /// A breaker changed state, by itself or by an operator's action.
        case transition(TransitionRecord)
        /// An operator acted on the breaker of `provider`; `transition` is `nil` when it was
        /// already in the state asked for.
        case breakerAction(provider: String, action: RunCore.BreakerAction, transition: TransitionRecord?)
        /// A fault became active: from the configuration's schedule, or injected.
        case faultStarted(FaultStatus)
        /// A fault stopped applying: at its end, or stopped early by an operator.
        case faultStopped(FaultStatus, early: Bool)
        /// Automated traffic started, described as its traffic entry's rate.
        case automationStarted(AutomationStatus)
        case automationStopped(AutomationStatus)
    }
}

/// One call through the gateway as it ended: what the request log and the metrics keep.
public struct CallRecord: Sendable, Hashable {
    /// Where a call came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// `POST /ai` or `POST /ai/{provider}`.
        case api
        /// `POST /automation/start`.
        case automation
    }

    /// The gateway's number for the call, from 1.
    public var id: UInt64
    public var source: Source
    /// The provider the caller asked for, if any.
    public var requested: String?
    /// The provider of the last attempt, when one was let through.
    public var provider: String?
    public var outcome: RequestOutcome
    public var attempts: Int
    /// From arrival to answer.
    public var latency: TimeSpan
    /// For a `failed` call: the kind of its last failure.
    public var failure: ErrorKind?
    /// The fault that decided the last attempt's outcome, if one did.
    public var fault: String?
    /// The prompt and the answer's text: kept for observers that are asked to log bodies
    /// (never keys, which travel in headers only).
    public var prompt: String
    public var answer: String?
}

/// A fault the gateway knows of, with its window on the gateway's clock.
public struct FaultStatus: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable, Codable {
        /// From the configuration's `faults:`, on its schedule from start-up.
        case config
        /// From `POST /chaos/inject`.
        case injected
    }

    /// Index into the run core's faults (`RunCore.fault(_:)`).
    public var index: Int
    public var name: String
    public var type: String
    /// As written: `*` or provider names joined with commas.
    public var target: String
    public var origin: Origin
    public var start: TimeSpan
    public var end: TimeSpan
}

/// Automated traffic as started by `POST /automation/start`.
public struct AutomationStatus: Sendable, Hashable {
    /// The traffic entry's stream name.
    public var name: String
    /// The rate as written, e.g. `0.5/s`; `nil` for shapes other than a rate.
    public var rate: String?
    public var start: TimeSpan
}
