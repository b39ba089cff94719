import AirmSpec

/// Consumes an Anthropic Messages stream (docs/providers.md#anthropic).
///
/// Text comes from `content_block_delta` events with a `text_delta`; `message_delta` carries the
/// stop reason and the output-token count; `message_stop` is the final event, and a stream
/// without it is `connection`. An `error` event fails the answer with its error type's kind.
/// Unknown event types are ignored, as the API's versioning policy asks.
public struct AnthropicStreamDecoder: StreamDecoder {
    var text = ""
    var chunks = 0
    var stopped = false
    var stopReason: String?
    var outputTokens: Int?

    public mutating func consume(_ event: ServerSentEvent) -> StreamStep {
        guard let json = JSONValue.parse(event.data), case .object = json else {
            return .failed(WireFailure(.corrupt, "unparseable Anthropic stream event"))
        }
        guard let type = json["type"]?.string else {
            return .failed(WireFailure(.corrupt, "Anthropic stream event without a type"))
        }
        switch type {
        case "content_block_delta":
            guard let delta = json["delta"], delta["type"]?.string == "text_delta" else { return .ignored }
            guard let piece = delta["text"]?.string else {
                return .failed(WireFailure(.corrupt, "Anthropic text_delta without text"))
            }
            text += piece
            chunks += 1
            return piece.isEmpty ? .ignored : .text(piece)
        case "message_delta":
            stopReason = json["delta"]?["stop_reason"]?.string ?? stopReason
            if let tokens = json["usage"]?["output_tokens"]?.int { outputTokens = tokens }
            if let failure = AnthropicWire.stopFailure(stopReason) { return .failed(failure) }
            return .ignored
        case "message_stop":
            stopped = true
            return .ignored
        case "error":
            return .failed(AnthropicWire.error(json, status: nil))
        default:
            return .ignored
        }
    }

    public func finish() -> WireResult {
        guard stopped else { return .failure(WireFailure(.connection, "Anthropic stream ended without message_stop")) }
        guard !text.isEmpty else {
            return .failure(WireFailure(.corrupt, "Anthropic stream has no text (stop_reason \(stopReason ?? "none"))"))
        }
        return .success(ParsedAnswer(text: text, tokens: outputTokens ?? chunks))
    }
}
