import AirmEngine
import AirmSpec

/// How the fault transport alters a real exchange with a provider (docs/experiment-format.md "faults").
public enum Alteration: Sendable, Hashable {
    /// The real answer, untouched.
    case none
    /// The real body (every stream event's data) mutated before parsing, so the parser must
    /// notice: `corrupt`.
    case corrupt(Fault.Corruption)
    /// The stream cut after a time or a number of tokens: `connection`. A whole (non-streamed)
    /// answer is cut too, at the earlier of the cut time and its arrival.
    case cut(Fault.StreamCut)
}

/// A provider client whose real exchange the fault transport can alter, and which can decode a
/// synthesized response with its own wire format (so an injected error reads exactly like the
/// provider's own).
public protocol AlterableProviderClient: ProviderClient {
    /// `stall` pauses the real answer: reading stops `stall.after` into the exchange (or at its
    /// end, when the answer is complete sooner) for `stall.gap`.
    func complete(_ request: CompletionRequest, timeout: TimeSpan, altering: Alteration,
                  stall: FaultEffect.Stall?) async -> CompletionOutcome
    /// Decodes a response that was never sent over the wire.
    func decode(_ response: SynthesizedResponse) -> CompletionOutcome
}
