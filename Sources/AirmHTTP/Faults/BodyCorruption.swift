import AirmSpec

/// Mutates a real answer the way the `corrupt` fault describes, so the client's parser must
/// notice. Pure.
public enum BodyCorruption {
    /// `truncate`: the first half of the bytes; `malformed`: the document twice, run together;
    /// `empty`: no bytes; `wrong_schema`: valid JSON in no provider's shape.
    public static func apply(_ how: Fault.Corruption, to body: [UInt8]) -> [UInt8] {
        switch how {
        case .truncate: Array(body.prefix(body.count / 2))
        case .malformed: body.isEmpty ? Array("{\"".utf8) : body + body
        case .empty: []
        case .wrongSchema: wrongSchema.bytes
        }
    }

    /// A stream with every event's data corrupted the same way, framing left intact.
    public static func apply(_ how: Fault.Corruption, to events: [ServerSentEvent]) -> [ServerSentEvent] {
        events.map { event in
            let data = event.data == "[DONE]" ? event.data
                : String(decoding: apply(how, to: Array(event.data.utf8)), as: UTF8.self)
            return ServerSentEvent(event: event.event, data: data)
        }
    }

    /// Valid JSON that carries no answer in any provider's format.
    public static let wrongSchema: JSONValue = .members(("object", "unexpected"), ("data", [.members(("output", "?"))]))
}
